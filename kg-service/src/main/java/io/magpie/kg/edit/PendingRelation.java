package io.magpie.kg.edit;

import io.magpie.api.graph.admin.RelationInput;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import org.neo4j.driver.async.AsyncQueryRunner;

/**
 * A relation a preview writes inside a transaction that is rolled back, with every check of a real creation.
 *
 * @param ref        the relation
 * @param properties its validated properties
 */
record PendingRelation(RelationRef ref, Map<String, Object> properties) {

    /** The relation of a preview request; its problems are added to {@code problems} under {@code relation...}. */
    static PendingRelation of(RelationInput input, FieldErrors problems) {
        if (input == null) {
            throw ProblemException.invalidField("relation", "is missing: {type, from, to, properties}");
        }
        RelationRef ref = RelationRef.of(input.type(), input.from(), input.to());
        return new PendingRelation(
                ref, EditValidation.relationProperties(ref, input.properties(), "properties", problems));
    }

    /** The checks of a creation (not there yet, not stored the other way round, both ends exist), then the write. */
    Uni<Void> write(AsyncQueryRunner tx, GraphEditStore store) {
        return store.read(tx, ref)
                .invoke(current -> {
                    if (current != null) {
                        throw new ProblemException(
                                409, "Already exists", ref + " exists already; there is nothing to preview");
                    }
                })
                .chain(() -> store.reverseExists(tx, ref))
                .invoke(reverse -> GraphEditService.requireNoReverse(ref, reverse))
                .chain(() -> store.write(tx, ref, new EntityState(properties, 1)));
    }
}
