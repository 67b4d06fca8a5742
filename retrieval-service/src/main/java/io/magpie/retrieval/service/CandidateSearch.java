package io.magpie.retrieval.service;

import io.magpie.api.problem.ProblemException;
import io.magpie.api.retrieval.CandidateFilter;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.HistoryQuery;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.api.retrieval.SimilarQuery;
import io.magpie.api.retrieval.Sources;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.ProductCfCollection;
import io.magpie.retrieval.store.ProductTextSearch;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/** Dense and lexical candidate generation over the Milvus product index, off the event loop. */
@ApplicationScoped
public class CandidateSearch {

    /** Longer queries are pasted documents, not searches; BM25 over them is slow and meaningless. */
    static final int MAX_QUERY_LENGTH = 1000;

    private static final Logger LOG = Logger.getLogger(CandidateSearch.class);

    private final ProductTextSearch index;
    private final ProductCfCollection itemVectors;
    private final TypoCorrection typos;
    private final ProductIdCheck ids;
    private final int dimension;

    public CandidateSearch(
            ProductTextSearch index,
            ProductCfCollection itemVectors,
            TypoCorrection typos,
            ProductIdCheck ids,
            RetrievalConfig config) {
        this.ids = ids;
        this.index = index;
        this.typos = typos;
        this.itemVectors = itemVectors;
        this.dimension = config.milvus().dimension();
    }

    public Uni<CandidateList> dense(DenseQuery query) {
        float[] vector = query.vector();
        if (vector.length != dimension) {
            throw ProblemException.invalidField(
                    "vector", "must have " + dimension + " values (the index's dimension), got " + vector.length);
        }
        for (float value : vector) {
            if (!Float.isFinite(value)) {
                throw ProblemException.invalidField("vector", "must hold finite numbers only");
            }
        }
        CandidateFilter filter = CandidateFilters.normalise(query.filter(), "filter");
        return onWorker(() -> index.nearest(vector, query.k(), filter))
                .map(candidates -> new CandidateList(Sources.DENSE, candidates));
    }

    public Uni<CandidateList> lexical(LexicalQuery query) {
        if (query.query().length() > MAX_QUERY_LENGTH) {
            throw ProblemException.invalidField("query", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        CandidateFilter filter = CandidateFilters.normalise(query.filter(), "filter");
        return onWorker(() -> index.matching(typos.expand(query.query()), query.k(), filter))
                .map(candidates -> new CandidateList(Sources.LEXICAL, candidates));
    }

    public Uni<CandidateList> similar(SimilarQuery query) {
        ids.requireValid("productId", query.productId());
        CandidateFilter filter = CandidateFilters.normalise(query.filter(), "filter");
        return onWorker(() -> index.similar(query.productId(), query.k(), filter)
                        .orElseThrow(() -> ProblemException.invalidField(
                                "productId", "no indexed product has id '" + query.productId() + "'")))
                .map(candidates -> new CandidateList(Sources.SIMILAR, candidates));
    }

    public Uni<CandidateList> collaborative(HistoryQuery query) {
        ids.requireValid("itemIds", query.itemIds());
        return onWorker(() -> itemVectors.nearestToHistory(
                        query.itemIds(), query.k(), query.recencyDecay() == null ? 1 : query.recencyDecay()))
                .map(candidates -> new CandidateList(Sources.COLLABORATIVE, candidates));
    }

    /** Milvus calls block: they run on the worker pool, and an outage answers 503 so callers can degrade. */
    static <T> Uni<T> onWorker(Supplier<T> search) {
        return Uni.createFrom()
                .item(search)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> {
                    LOG.error("Milvus search failed", e);
                    return new ProblemException(503, "Dependency unavailable", "the product index (Milvus) failed");
                });
    }
}
