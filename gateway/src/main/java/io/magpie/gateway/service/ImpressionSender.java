package io.magpie.gateway.service;

import io.magpie.api.impressions.ImpressionBatch;
import io.magpie.api.impressions.ImpressionsClient;
import io.magpie.api.impressions.ServedList;
import io.magpie.gateway.config.ImpressionsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Sends buffered served lists to fusion-service in batches, on a thread of its own so no answer waits for it: a batch
 * that fails is tried again after a growing pause, and dropped (and counted) once every try failed. A batch
 * fusion-service refuses (4xx) is dropped at once: sending it again would be refused again. Lists still buffered at
 * shutdown get one last try.
 */
@ApplicationScoped
public class ImpressionSender {

    private static final Logger LOG = Logger.getLogger(ImpressionSender.class);

    private final ImpressionRecorder recorder;
    private final ImpressionsClient fusion;
    private final ImpressionsConfig config;
    private volatile boolean running;
    private Thread thread;

    public ImpressionSender(
            ImpressionRecorder recorder, @RestClient ImpressionsClient fusion, ImpressionsConfig config) {
        this.recorder = recorder;
        this.fusion = fusion;
        this.config = config;
    }

    void start(@Observes StartupEvent start) {
        if (!recorder.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "impression-sender");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stop) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        thread.interrupt();
        thread.join(config.sendTimeout().toMillis() * 2);
    }

    private void run() {
        while (running) {
            try {
                List<ServedList> batch = recorder.take(config.batchSize(), config.flushInterval());
                if (!batch.isEmpty()) {
                    deliver(batch, config.maxAttempts());
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                LOG.warn("impression sender: unexpected failure; going on", e);
            }
        }
        drainOnce();
    }

    /** At shutdown: what is still buffered, one try per batch. */
    private void drainOnce() {
        try {
            for (List<ServedList> batch = recorder.take(config.batchSize(), Duration.ZERO);
                    !batch.isEmpty();
                    batch = recorder.take(config.batchSize(), Duration.ZERO)) {
                deliver(batch, 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(List<ServedList> batch, int attempts) throws InterruptedException {
        Duration pause = config.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                fusion.record(new ImpressionBatch(batch)).await().atMost(config.sendTimeout());
                recorder.sent(batch.size());
                return;
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() < 500 && e.getResponse().getStatus() != 408) {
                    LOG.warnf(
                            "fusion-service refused %d served lists (%d); dropped",
                            batch.size(), e.getResponse().getStatus());
                    recorder.dropped(ImpressionRecorder.DropReason.REFUSED, batch.size());
                    return;
                }
                if (retriesExhausted(batch, attempt, attempts, e)) {
                    return;
                }
            } catch (RuntimeException e) {
                if (retriesExhausted(batch, attempt, attempts, e)) {
                    return;
                }
            }
            Thread.sleep(pause.toMillis());
            pause = pause.multipliedBy(2).compareTo(config.maxBackoff()) > 0
                    ? config.maxBackoff()
                    : pause.multipliedBy(2);
        }
    }

    private boolean retriesExhausted(List<ServedList> batch, int attempt, int attempts, RuntimeException failure) {
        if (attempt < attempts) {
            return false;
        }
        LOG.warnf(
                "cannot send %d served lists to fusion-service after %d tries (%s); dropped",
                batch.size(), attempt, failure.getMessage());
        recorder.dropped(ImpressionRecorder.DropReason.SEND_FAILED, batch.size());
        return true;
    }
}
