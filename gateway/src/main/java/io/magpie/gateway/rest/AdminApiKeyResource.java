package io.magpie.gateway.rest;

import io.magpie.api.keys.ApiKeyRotation;
import io.magpie.api.keys.ApiKeyView;
import io.magpie.api.keys.IssuedApiKey;
import io.magpie.api.keys.NewApiKey;
import io.magpie.gateway.service.ApiKeyService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The gateway's API keys (docs/adr/0022): storefront, eval and admin keys, stored hashed; admin keys only (guarded
 * by {@link io.magpie.gateway.security.KeyScopeFilter}).
 */
@Path("/api/v1/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: API keys", description = "Create, list, rotate and revoke the gateway's API keys")
public class AdminApiKeyResource {

    private final ApiKeyService keys;

    public AdminApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a key",
            description = "Answers 201 with the key and its secret (the bearer token, mgp_<id>_<random>): the only "
                    + "time the secret is shown; only its SHA-256 is stored. Scope: storefront, eval or admin.")
    public Uni<RestResponse<IssuedApiKey>> create(NewApiKey request) {
        return keys.create(request)
                .map(issued -> RestResponse.ResponseBuilder.<IssuedApiKey>created(
                                URI.create("/api/v1/admin/keys/" + issued.key().id()))
                        .entity(issued)
                        .build());
    }

    @GET
    @Operation(summary = "List every key, revoked ones too", description = "Never a secret or a hash.")
    public Uni<List<ApiKeyView>> list() {
        return keys.list();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One key", description = "404 for an unknown id.")
    public Uni<ApiKeyView> get(@PathParam("id") String id) {
        return keys.get(id);
    }

    @POST
    @Path("/{id}/rotate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Give a key a new secret",
            description = "Answers the new secret once. The old secret stops working at once, or after graceSeconds "
                    + "(at most a day) so that clients can switch over. 409 for a revoked key.")
    public Uni<IssuedApiKey> rotate(@PathParam("id") String id, ApiKeyRotation request) {
        return keys.rotate(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Revoke a key",
            description = "Answers the revoked key. Refused by this replica at once and by every other within "
                    + "magpie.gateway.keys.cache-expiry (5 s by default). Revoking a revoked key changes nothing.")
    public Uni<ApiKeyView> revoke(@PathParam("id") String id) {
        return keys.revoke(id);
    }
}
