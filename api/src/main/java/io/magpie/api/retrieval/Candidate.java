package io.magpie.api.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One product proposed by one source.
 *
 * @param id     product id
 * @param score  the source's own score (higher is better; scales differ between sources)
 * @param reason why the source proposed it, when the source can say (for example a graph path)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String id, double score, String reason) {

    public Candidate(String id, double score) {
        this(id, score, null);
    }
}
