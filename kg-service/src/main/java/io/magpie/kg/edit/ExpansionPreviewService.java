package io.magpie.kg.edit;

import io.magpie.api.graph.ExpandRequest;
import io.magpie.api.graph.admin.ExpansionPreview;
import io.magpie.api.graph.admin.ExpansionPreviewRequest;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.retrieval.CandidateList;
import io.magpie.kg.service.GraphExpansionService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.async.AsyncQueryRunner;

/**
 * What a pending relation would do to the graph candidates of chosen searches and recommendations (docs/adr/0023):
 * the expansions are computed by the serving code ({@link GraphExpansionService}) inside one Neo4j transaction, before
 * and after the relation is written with the checks of a real creation; the transaction is then rolled back, never
 * committed, so nothing a shopper reads changes and nothing is audited. The gateway fuses both lists with the other
 * sources' candidates.
 */
@ApplicationScoped
public class ExpansionPreviewService {

    /** Expansions one preview may compare: each costs two expansions inside the transaction. */
    public static final int MAX_EXPANSIONS = 10;

    private final GraphEditStore store;
    private final EditTransactions transactions;
    private final GraphExpansionService expansion;

    public ExpansionPreviewService(
            GraphEditStore store, EditTransactions transactions, GraphExpansionService expansion) {
        this.store = store;
        this.transactions = transactions;
        this.expansion = expansion;
    }

    public Uni<ExpansionPreview> preview(ExpansionPreviewRequest request, String actor) {
        FieldErrors problems = new FieldErrors();
        PendingRelation pending = PendingRelation.of(request == null ? null : request.relation(), problems);
        List<ExpandRequest> expansions = request.expansions() == null ? List.of() : request.expansions();
        if (expansions.isEmpty() || expansions.size() > MAX_EXPANSIONS) {
            problems.add("expansions", "name 1 to " + MAX_EXPANSIONS + " expansions to compare");
        } else if (expansions.contains(null)) {
            problems.add("expansions", "holds a null expansion");
        }
        problems.throwIfAny();
        return transactions
                .run(
                        tx -> expand(tx, expansions)
                                .chain(before -> pending.write(tx, store)
                                        .chain(() -> expand(tx, expansions))
                                        .map(after -> compare(pending.ref(), before, after)))
                                .map(preview -> new EditTransactions.Plan<>(preview, List.<Change>of(), false)),
                        actor,
                        null)
                .map(EditTransactions.Outcome::value);
    }

    private Uni<List<CandidateList>> expand(AsyncQueryRunner tx, List<ExpandRequest> expansions) {
        // one statement at a time: a transaction runs its queries in sequence
        return Multi.createFrom()
                .iterable(expansions)
                .onItem()
                .transformToUniAndConcatenate(request -> expansion.expand(tx, request))
                .collect()
                .asList();
    }

    private static ExpansionPreview compare(RelationRef ref, List<CandidateList> before, List<CandidateList> after) {
        List<ExpansionPreview.Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            comparisons.add(new ExpansionPreview.Comparison(before.get(i), after.get(i)));
        }
        return new ExpansionPreview(ref.toString(), comparisons);
    }
}
