package io.magpie.gateway.console;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The "add a relation" form as sent, kept to fill the form again (after a refusal) or to carry a previewed relation
 * to publication.
 *
 * @param returnRef the node page the form came from
 * @param type      relation type
 * @param from      start node reference
 * @param to        end node reference
 * @param weight    the optional weight, as typed
 * @param products  product ids to preview, comma-separated, as typed
 * @param queries   search queries to preview, one per line, as typed
 * @param users     user ids whose recommendations to preview, comma-separated, as typed
 */
@TemplateData
public record RelationForm(
        String returnRef,
        String type,
        String from,
        String to,
        String weight,
        String products,
        String queries,
        String users) {

    public RelationForm {
        returnRef = blankToEmpty(returnRef);
        type = blankToEmpty(type);
        from = blankToEmpty(from);
        to = blankToEmpty(to);
        weight = blankToEmpty(weight);
        products = blankToEmpty(products);
        queries = blankToEmpty(queries);
        users = blankToEmpty(users);
    }

    /** A fresh form on a node's page: an accessory of this product, or a relation from this node. */
    public static RelationForm freshFor(String ref) {
        return ref.startsWith("Product:")
                ? new RelationForm(ref, "ACCESSORY_OF", "", ref, "", "", "", "")
                : new RelationForm(ref, "ACCESSORY_OF", ref, "", "", "", "", "");
    }

    /** The products to preview: those typed, else the relation's ends that are products. */
    public List<String> productIds() {
        List<String> ids = new ArrayList<>();
        if (!products.isBlank()) {
            for (String id : products.split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.strip());
                }
            }
            return ids;
        }
        for (String end : List.of(to, from)) {
            if (end.startsWith("Product:") && end.length() > "Product:".length()) {
                ids.add(end.substring("Product:".length()));
            }
        }
        return ids;
    }

    /** The search queries to preview, one per line, blank lines left out. */
    public List<String> queryList() {
        return queries.lines()
                .map(String::strip)
                .filter(q -> !q.isEmpty())
                .distinct()
                .toList();
    }

    /** The users whose recommendations to preview. */
    public List<String> userList() {
        return Arrays.stream(users.split(","))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
