package io.magpie.api.security;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends the deployment's service credential ({@link ServiceCredential}) with every REST client call a service
 * makes: registered for all REST clients as a {@code @Provider}, so no client of an internal service can forget it.
 */
@Provider
public class ServiceCredentialHeader implements ClientRequestFilter {

    private final Optional<String> credential = ServiceCredential.configured(ConfigProvider.getConfig());

    @Override
    public void filter(ClientRequestContext request) {
        credential.ifPresent(value -> request.getHeaders().putSingle(ServiceCredential.HEADER, value));
    }
}
