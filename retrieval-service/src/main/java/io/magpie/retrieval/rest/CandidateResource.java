package io.magpie.retrieval.rest;

import io.magpie.api.retrieval.CandidateList;
import io.magpie.api.retrieval.DenseQuery;
import io.magpie.api.retrieval.HistoryQuery;
import io.magpie.api.retrieval.LexicalQuery;
import io.magpie.api.retrieval.SimilarQuery;
import io.magpie.retrieval.service.CandidateSearch;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Candidate generation: the products nearest to a query, by meaning (dense) or by words (lexical). */
@Path("/v1/candidates")
@Tag(name = "candidates", description = "Ranked candidate lists for fusion")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CandidateResource {

    private final CandidateSearch search;

    public CandidateResource(CandidateSearch search) {
        this.search = search;
    }

    @POST
    @Path("/dense")
    @Operation(
            summary = "Nearest products to a query vector",
            description = "Scores are the index metric's similarity (cosine by default), best first.")
    public Uni<CandidateList> dense(@Valid @NotNull DenseQuery query) {
        return search.dense(query);
    }

    @POST
    @Path("/lexical")
    @Operation(
            summary = "Products matching the query's words (BM25)",
            description = "Scores are BM25 scores, best first; they depend on index statistics, so compare them "
                    + "only within one list.")
    public Uni<CandidateList> lexical(@Valid @NotNull LexicalQuery query) {
        return search.lexical(query);
    }

    @POST
    @Path("/similar")
    @Operation(
            summary = "Products like a product (nearest text vectors)",
            description = "The product itself is left out; an unknown product id is a 400.")
    public Uni<CandidateList> similar(@Valid @NotNull SimilarQuery query) {
        return search.similar(query);
    }

    @POST
    @Path("/collaborative")
    @Operation(
            summary = "Items near a shopper's history (collaborative vectors)",
            description = "Nearest product_cf vectors to the mean of the history's vectors, history left out; "
                    + "empty when no item of the history has a vector.")
    public Uni<CandidateList> collaborative(@Valid @NotNull HistoryQuery query) {
        return search.collaborative(query);
    }
}
