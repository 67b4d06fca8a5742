package io.magpie.eval.fusion;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ESCI labels as training grades for LambdaMART, fixed before any evaluation: with XGBoost's exponential gain
 * (2^grade - 1) E = 3 and S = 1 weigh 7 : 1, close to the evaluation's gains (E 1, S 0.1, C 0.01); C and I
 * are 0.
 */
final class TrainingGrades {

    private TrainingGrades() {}

    static int grade(String esciLabel) {
        return switch (esciLabel) {
            case "E" -> 3;
            case "S" -> 1;
            default -> 0;
        };
    }

    /** Grades of a query's judged products. */
    static Map<String, Integer> of(Map<String, String> labels) {
        Map<String, Integer> grades = new LinkedHashMap<>();
        labels.forEach((id, label) -> grades.put(id, grade(label)));
        return grades;
    }
}
