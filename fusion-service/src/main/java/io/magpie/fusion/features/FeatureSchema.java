package io.magpie.fusion.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The names and order of the ranking features, under a name and version. A model records the schema it was
 * trained on and is refused where the running extractor's schema differs: same position, same meaning.
 *
 * <p>Layout: a per-source block ({@link #sources()} x {@link #perSourceFeatures()}, for the attention model, which
 * attends over sources), the request's {@link #contextFeatures()}, and the candidate's {@link #itemFeatures()}
 * (its own data and how it matches the query). The flat vector for trees is the three concatenated, per-source
 * block first, each source's features prefixed {@code <source>.}.
 *
 * @param name              the schema's name
 * @param version           bumped on every change of names, order or meaning
 * @param sources           the sources of the per-source block, in order
 * @param perSourceFeatures the features of each source, in order
 * @param contextFeatures   the features of the request, shared by its candidates
 * @param itemFeatures      the features of the candidate
 */
public record FeatureSchema(
        String name,
        int version,
        List<String> sources,
        List<String> perSourceFeatures,
        List<String> contextFeatures,
        List<String> itemFeatures) {

    public FeatureSchema {
        Objects.requireNonNull(name, "name");
        sources = List.copyOf(sources);
        perSourceFeatures = List.copyOf(perSourceFeatures);
        contextFeatures = List.copyOf(contextFeatures);
        itemFeatures = List.copyOf(itemFeatures);
    }

    /** {@code name@version}, as models and the registry name a schema. */
    public String id() {
        return name + "@" + version;
    }

    /** The flat vector's feature names, in order. */
    public List<String> flatNames() {
        List<String> names = new ArrayList<>(flatSize());
        for (String source : sources) {
            for (String feature : perSourceFeatures) {
                names.add(source + "." + feature);
            }
        }
        names.addAll(contextFeatures);
        names.addAll(itemFeatures);
        return names;
    }

    public int flatSize() {
        return sources.size() * perSourceFeatures.size() + contextFeatures.size() + itemFeatures.size();
    }
}
