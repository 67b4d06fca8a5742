package io.magpie.retrieval.service;

import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.TermVocabulary;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Typo tolerance for lexical search: each query word that no indexed product contains gets the most frequent
 * indexed word one edit away (two for long words), and the query is sent with the original words plus these
 * corrections. The original word stays, so a correct but unindexed word costs nothing; a known word is never
 * touched, so queries without typos rank exactly as before.
 */
@ApplicationScoped
public class TypoCorrection {

    private final TermVocabulary vocabulary;
    private final RetrievalConfig.Typo config;

    public TypoCorrection(TermVocabulary vocabulary, RetrievalConfig config) {
        this.vocabulary = vocabulary;
        this.config = config.typo();
    }

    /** The query to search with: the original, followed by corrections of its unknown words if any. */
    public String expand(String query) {
        if (!config.enabled() || vocabulary.size() == 0) {
            return query;
        }
        Set<String> corrections = new LinkedHashSet<>();
        for (String word : TermVocabulary.tokens(query)) {
            correction(word).ifPresent(corrections::add);
        }
        return corrections.isEmpty() ? query : query + " " + String.join(" ", corrections);
    }

    Optional<String> correction(String word) {
        if (word.length() < config.oneEditMinLength() || word.chars().allMatch(Character::isDigit)) {
            return Optional.empty(); // short words and numbers (sizes, models) have too many neighbours
        }
        int maxEdits = word.length() >= config.twoEditsMinLength() ? 2 : 1;
        return vocabulary.closestKnown(word, maxEdits);
    }
}
