package io.magpie.gateway.client;

import io.smallrye.mutiny.Uni;
import io.smallrye.stork.Stork;
import io.smallrye.stork.api.Service;
import io.smallrye.stork.api.ServiceInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.util.List;
import java.util.function.Function;
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

    /**
     * Calls one replica of the service behind REST client {@code client} ({@code call} gets its base URL); when
     * that replica refused the connection, the request never left, so it goes once to another replica, chosen by
     * the balancer among the others (the balancer learns nothing from these calls and may well pick the refusing
     * one again). With a plain URL it goes to the same URL again.
     */
    public <T> Uni<T> withReplica(String client, Function<String, Uni<T>> call) {
        return baseUrl(client)
                .chain(base -> call.apply(base)
                        .onFailure(ServiceAddresses::neverReached)
                        .recoverWithUni(refused -> otherThan(client, base).chain(other -> call.apply(other))));
    }

    /** The base URL (no trailing slash) of one replica of the service behind REST client {@code client}. */
    private Uni<String> baseUrl(String client) {
        String base = configured(client);
        if (!base.startsWith(STORK)) {
            return Uni.createFrom().item(base);
        }
        return stork(base).selectInstance().map(ServiceAddresses::baseUrlOf);
    }

    /** A replica other than {@code refused}, chosen by the balancer among the rest; {@code refused} if none. */
    private Uni<String> otherThan(String client, String refused) {
        String base = configured(client);
        if (!base.startsWith(STORK)) {
            return Uni.createFrom().item(base);
        }
        Service service = stork(base);
        return service.getInstances().map(all -> {
            List<ServiceInstance> others = all.stream()
                    .filter(instance -> !baseUrlOf(instance).equals(refused))
                    .toList();
            return others.isEmpty() ? refused : baseUrlOf(service.selectInstance(others));
        });
    }

    private String configured(String client) {
        String url = config.getValue("quarkus.rest-client." + client + ".url", String.class);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Service stork(String url) {
        return Stork.getInstance().getService(url.substring(STORK.length()));
    }

    private static String baseUrlOf(ServiceInstance instance) {
        return (instance.isSecure() ? "https://" : "http://") + instance.getHost() + ":" + instance.getPort();
    }

    /**
     * Whether a call failed before its request left (the replica refused the connection, possibly wrapped by the
     * REST client): safe to send again to another replica, whatever the method.
     */
    public static boolean neverReached(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
