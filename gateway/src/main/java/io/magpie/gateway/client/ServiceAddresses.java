package io.magpie.gateway.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.stork.Stork;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import org.eclipse.microprofile.config.Config;

/**
 * Where a service the gateway calls with its own HTTP client answers, named as its REST client
 * ({@code quarkus.rest-client.<name>.url}): that URL, or for {@code stork://<name>} one replica chosen by the
 * Stork load balancer over the configured list, so relays balance like the REST clients do (docs/adr/0028).
 */
@ApplicationScoped
public class ServiceAddresses {

    private static final String STORK = "stork://";

    private final Config config;

    public ServiceAddresses(Config config) {
        this.config = config;
    }

    /** The base URL (no trailing slash) of one replica of the service behind REST client {@code client}. */
    public Uni<String> baseUrl(String client) {
        String url = config.getValue("quarkus.rest-client." + client + ".url", String.class);
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!base.startsWith(STORK)) {
            return Uni.createFrom().item(base);
        }
        return Stork.getInstance()
                .getService(base.substring(STORK.length()))
                .selectInstance()
                .map(instance ->
                        (instance.isSecure() ? "https://" : "http://") + instance.getHost() + ":" + instance.getPort());
    }

    /**
     * Whether a call failed before its request left (the replica refused the connection): safe to send again to
     * another replica, whatever the method.
     */
    public static boolean neverReached(Throwable failure) {
        return failure instanceof ConnectException;
    }
}
