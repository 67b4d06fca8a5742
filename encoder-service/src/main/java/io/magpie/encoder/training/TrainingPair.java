package io.magpie.encoder.training;

/**
 * One positive example for contrastive fine-tuning: a query and the text of a product that answers it (for
 * products, exactly the text their vectors are made from, {@code Product#embeddingText()}).
 */
public record TrainingPair(String query, String document) {

    public TrainingPair {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("query must not be blank");
        }
        if (document == null || document.isBlank()) {
            throw new IllegalArgumentException("document must not be blank");
        }
    }
}
