package io.magpie.kg.edit;

import io.magpie.api.problem.FieldErrors;
import io.magpie.kg.model.RelationType;

/** A relation named by its type and ends, written {@code (Product:A)-[ACCESSORY_OF]->(Product:B)}. */
public record RelationRef(RelationType type, NodeRef from, NodeRef to) implements EntityRef {

    /**
     * Reads and checks a relation: a known type whose ends have the labels it links, and no self-loop (no relation
     * of the graph links a node to itself).
     *
     * @throws io.magpie.api.problem.ProblemException 400 naming the field in error
     */
    public static RelationRef of(String type, String from, String to) {
        FieldErrors problems = new FieldErrors();
        RelationType relationType = problems.check("type", () -> typeOf(type));
        NodeRef start = problems.check("from", () -> NodeRef.parse(from));
        NodeRef end = problems.check("to", () -> NodeRef.parse(to));
        if (relationType != null && start != null && start.label() != relationType.from()) {
            problems.add(
                    "from", relationType + " starts at a " + relationType.from().label() + ", not at " + start);
        }
        if (relationType != null && end != null && end.label() != relationType.to()) {
            problems.add("to", relationType + " ends at a " + relationType.to().label() + ", not at " + end);
        }
        if (start != null && start.equals(end)) {
            problems.add("to", "a relation cannot link " + start + " to itself");
        } else if (relationType == RelationType.ALSO_BOUGHT
                && start != null
                && end != null
                && start.keyValues().get(0).compareTo(end.keyValues().get(0)) > 0) {
            // mining writes each pair from the smaller id to the larger (docs/adr/0011); edits keep to that
            problems.add(
                    "from",
                    "ALSO_BOUGHT is stored from the smaller product id to the larger: write it as (" + end
                            + ")-[ALSO_BOUGHT]->(" + start + ")");
        }
        problems.throwIfAny();
        return new RelationRef(relationType, start, end);
    }

    private static RelationType typeOf(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("is missing");
        }
        for (RelationType value : RelationType.values()) {
            if (value.name().equals(type)) {
                return value;
            }
        }
        throw new IllegalArgumentException(
                "unknown relation type '" + type + "'; known: " + java.util.Arrays.toString(RelationType.values()));
    }

    /** Relations that mean the same both ways, stored once per pair (docs/adr/0011). */
    public boolean symmetric() {
        return type == RelationType.COMPATIBLE_WITH || type == RelationType.ALSO_BOUGHT;
    }

    @Override
    public String toString() {
        return "(" + from + ")-[" + type + "]->(" + to + ")";
    }
}
