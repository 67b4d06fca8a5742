package io.magpie.fusion.ranking.attention;

import io.magpie.api.problem.ProblemException;

/**
 * A saved attention model that cannot be used: corrupt or unreadable files, another format, or a shape or feature
 * schema that differs from the serving one. A 422: the request named a model, the model is at fault.
 */
public class AttentionModelRefusedException extends ProblemException {

    public AttentionModelRefusedException(String detail) {
        super(422, "Model refused", detail);
    }

    public AttentionModelRefusedException(String detail, Throwable cause) {
        this(detail + ": " + cause.getMessage());
        initCause(cause);
    }
}
