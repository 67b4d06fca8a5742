package io.magpie.api.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Gives every request of every service a request id for its logs: the caller's {@value #HEADER} when it is a plain
 * token (Magpie's services pass theirs on, see {@link RequestIdPropagation}), else a new one. It is put in the
 * logging context under {@value #MDC_KEY} (JSON logs carry it in their {@code mdc} object, docs/operations.md) and
 * sent back in {@value #HEADER} unless the endpoint answers one of its own (the gateway's search answers the id
 * shoppers' events refer to).
 */
@Provider
@PreMatching
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public void filter(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !TOKEN.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        request.setProperty(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(MDC_KEY);
        if (id != null && !response.getHeaders().containsKey(HEADER)) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
