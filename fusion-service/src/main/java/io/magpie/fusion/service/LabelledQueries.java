package io.magpie.fusion.service;

import io.magpie.api.fusion.LabelledExample;
import io.magpie.api.fusion.TrainingRequest;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.features.ExtractedFeatures;
import io.magpie.fusion.features.FeatureExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labelled fuse requests through the one extractor, for every learned-ranker kind: features exactly as serving
 * computes them and a grade per candidate. Bad examples are a 400 naming the field; fewer than two examples with a
 * grade above 0 are a 422, before anything is trained.
 */
final class LabelledQueries {

    static final int MAX_GRADE = 31;

    /**
     * One labelled request.
     *
     * @param query    its query text (or "example N"), for logs and validation splits
     * @param features its candidates' features
     * @param grades   per candidate (row of {@code features}), its grade; unlabelled candidates 0
     */
    record LabelledQuery(String query, ExtractedFeatures features, float[] grades) {

        boolean hasRelevant() {
            for (float grade : grades) {
                if (grade > 0) {
                    return true;
                }
            }
            return false;
        }
    }

    private LabelledQueries() {}

    static List<LabelledQuery> extract(FeatureExtractor extractor, TrainingRequest request) {
        List<LabelledQuery> queries = new ArrayList<>(request.examples().size());
        for (int e = 0; e < request.examples().size(); e++) {
            LabelledExample example = request.examples().get(e);
            ExtractedFeatures features;
            try {
                features = extractor.extract(example.request());
            } catch (ProblemException bad) {
                throw prefixed("examples[" + e + "].request.", bad);
            }
            for (Map.Entry<String, Integer> label : example.labels().entrySet()) {
                Integer grade = label.getValue();
                if (grade == null || grade < 0 || grade > MAX_GRADE) {
                    throw ProblemException.invalidField(
                            "examples[" + e + "].labels[" + label.getKey() + "]",
                            "a grade is an integer from 0 to " + MAX_GRADE + ", not " + grade);
                }
            }
            float[] grades = new float[features.size()];
            for (int i = 0; i < grades.length; i++) {
                grades[i] = example.labels().getOrDefault(features.ids().get(i), 0);
            }
            String query = example.request().context() == null
                    ? "example " + e
                    : example.request().context().text();
            queries.add(new LabelledQuery(query, features, grades));
        }
        long usable = queries.stream().filter(LabelledQuery::hasRelevant).count();
        if (usable < 2) {
            throw new ProblemException(
                    422,
                    "No usable labels",
                    "examples: at least two examples need a candidate " + "with a grade above 0 (got " + usable
                            + "); nothing was trained",
                    List.of(new Problem.FieldError("examples", "no usable labels")));
        }
        return queries;
    }

    private static ProblemException prefixed(String prefix, ProblemException bad) {
        List<Problem.FieldError> errors = bad.errors().stream()
                .map(f -> new Problem.FieldError(prefix + f.field(), f.message()))
                .toList();
        return new ProblemException(bad.status(), bad.title(), prefix + bad.getMessage(), errors);
    }
}
