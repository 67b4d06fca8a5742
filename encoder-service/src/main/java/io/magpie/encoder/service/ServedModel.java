package io.magpie.encoder.service;

import io.magpie.encoder.model.SentenceEncoder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model version with a count of its users: the registry holds one use while the version is loaded,
 * and every request holds one while it runs. The model is closed when the last use ends, so a request that
 * started on a version finishes on it even if another version is activated meanwhile.
 */
public final class ServedModel {

    private final SentenceEncoder encoder;
    private final AtomicInteger uses = new AtomicInteger(1);

    ServedModel(SentenceEncoder encoder) {
        this.encoder = encoder;
    }

    public SentenceEncoder encoder() {
        return encoder;
    }

    public String key() {
        return encoder.descriptor().ref().toString();
    }

    /** Takes one use; false once the model is closed or closing, and then the caller looks again. */
    boolean acquire() {
        for (int current = uses.get(); current > 0; current = uses.get()) {
            if (uses.compareAndSet(current, current + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Ends one use; the last one closes the model. */
    void release() {
        if (uses.decrementAndGet() == 0) {
            encoder.close();
        }
    }

    boolean isClosed() {
        return uses.get() == 0;
    }
}
