package io.magpie.api.logging;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.MDC;

/**
 * Passes the request id of the request being served ({@link RequestIdFilter}) on to every call this service makes
 * to another Magpie service, so one id follows a search through the logs of the gateway and the services it calls.
 */
@Provider
public class RequestIdPropagation implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        Object id = MDC.get(RequestIdFilter.MDC_KEY);
        if (id != null && !request.getHeaders().containsKey(RequestIdFilter.HEADER)) {
            request.getHeaders().putSingle(RequestIdFilter.HEADER, id.toString());
        }
    }
}
