package io.magpie.retrieval.service;

import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.Candidate;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.api.retrieval.Sources;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.ProductIndex;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Dense and lexical candidate generation over the Milvus product index, off the event loop. */
@ApplicationScoped
public class CandidateSearch {

    /** Longer queries are pasted documents, not searches; BM25 over them is slow and meaningless. */
    static final int MAX_QUERY_LENGTH = 1000;

    private static final Logger LOG = Logger.getLogger(CandidateSearch.class);

    private final ProductIndex index;
    private final int dimension;

    public CandidateSearch(ProductIndex index, RetrievalConfig config) {
        this.index = index;
        this.dimension = config.milvus().dimension();
    }

    public Uni<CandidateList> dense(DenseQuery query) {
        float[] vector = query.vector();
        if (vector.length != dimension) {
            throw ProblemException.invalidField("vector",
                    "must have " + dimension + " values (the index's dimension), got " + vector.length);
        }
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                throw ProblemException.invalidField("vector", "must hold finite numbers only");
            }
        }
        return onWorker(() -> index.nearest(vector, query.k()))
                .map(candidates -> new CandidateList(Sources.DENSE, candidates));
    }

    public Uni<CandidateList> lexical(LexicalQuery query) {
        if (query.query().length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalidField("query", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return onWorker(() -> index.matching(query.query(), query.k()))
                .map(candidates -> new CandidateList(Sources.LEXICAL, candidates));
    }

    /** Milvus calls block: they run on the worker pool, and an outage answers 503 so callers can degrade. */
    private static Uni<List<Candidate>> onWorker(Supplier<List<Candidate>> search) {
        return Uni.createFrom().item(search)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
                    LOG.error("Milvus search failed", e);
                    return new ProblemException(503, "Dependency unavailable", "the product index (Milvus) failed");
                });
    }
}
