package io.magpie.retrieval.indexing;

import io.magpie.api.problem.ProblemException;
import jakarta.ws.rs.WebApplicationException;

/** Tells a product a dependency refused (worth counting against it) from a dependency that is down or slow. */
final class DeliveryFailures {

    private DeliveryFailures() {}

    /** A 4xx answer anywhere in the cause chain, other than 408 and 429 (which say "later", not "never"). */
    static boolean refusedByDependency(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            int status = -1;
            if (cause instanceof WebApplicationException web && web.getResponse() != null) {
                status = web.getResponse().getStatus();
            } else if (cause instanceof ProblemException problem) {
                status = problem.status();
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
