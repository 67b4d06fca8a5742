package io.magpie.fusion.ranking.attention;

import io.magpie.api.problem.ProblemException;

/**
 * A saved attention model that cannot be used. A model built for another input shape or feature schema is a
 * conflict with the serving configuration (409); corrupt, unreadable or foreign files are unprocessable (422).
 */
public class AttentionModelRefusedException extends ProblemException {

    private AttentionModelRefusedException(int status, String title, String detail) {
        super(status, title, detail);
    }

    /** The files are fine but were made for another shape or feature schema. */
    static AttentionModelRefusedException mismatch(String detail) {
        return new AttentionModelRefusedException(409, "Model does not fit", detail);
    }

    /** The files are missing, corrupt or not an attention model. */
    static AttentionModelRefusedException corrupt(String detail) {
        return new AttentionModelRefusedException(422, "Model refused", detail);
    }

    static AttentionModelRefusedException corrupt(String detail, Throwable cause) {
        AttentionModelRefusedException refused = corrupt(detail + ": " + cause.getMessage());
        refused.initCause(cause);
        return refused;
    }
}
