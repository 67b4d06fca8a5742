package io.magpie.fusion.ranking.attention;

import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import java.util.List;

/** Input the attention model cannot score or train on (wrong shape, NaN or infinite values): a 400 naming it. */
public class AttentionInputException extends ProblemException {

    public AttentionInputException(String field, String message) {
        super(400, "Invalid input", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }
}
