package io.magpie.api.retrieval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One product proposed by one source.
 *
 * @param id     product id
 * @param score  the source's own score (higher is better; scales differ between sources)
 * @param reason why the source proposed it, when the source can say (for example a graph path)
 * @param paths  for graph candidates: the kinds of path that proposed it ({@link io.magpie.api.graph.GraphPaths}),
 *               strongest first, for ranking features; null for other sources
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Candidate(String id, double score, String reason, List<String> paths) {

    public Candidate(String id, double score, String reason) {
        this(id, score, reason, null);
    }

    public Candidate(String id, double score) {
        this(id, score, null, null);
    }
}
