package io.magpie.gateway.service;

import io.magpie.api.JsonEnums;
import io.magpie.api.keys.ApiKeyRotation;
import io.magpie.api.keys.ApiKeyScope;
import io.magpie.api.keys.ApiKeyView;
import io.magpie.api.keys.IssuedApiKey;
import io.magpie.api.keys.NewApiKey;
import io.magpie.api.problem.FieldErrors;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.gateway.model.ApiKeySecret;
import io.magpie.gateway.model.StoredApiKey;
import io.magpie.gateway.security.ApiKeyAuthenticator;
import io.magpie.gateway.store.ApiKeyStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Creates, lists, rotates and revokes the stored API keys (docs/adr/0022). A secret is drawn here, handed back once
 * and stored only as its hash; every change makes this replica forget the key at once (others within the cache
 * expiry).
 */
@ApplicationScoped
public class ApiKeyService {

    private final ApiKeyStore store;
    private final ApiKeyAuthenticator authenticator;
    private final Clock clock = Clock.systemUTC();

    public ApiKeyService(ApiKeyStore store, ApiKeyAuthenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    /** @throws ProblemException 400 naming {@code name} or {@code scope} when they are not valid */
    public Uni<IssuedApiKey> create(NewApiKey request) {
        FieldErrors errors = new FieldErrors();
        String name = request == null ? null : request.name();
        String scopeName = request == null ? null : request.scope();
        if (name == null || name.isBlank()) {
            errors.add("name", "is required: what the key is for (a store, a tool)");
        } else if (name.strip().length() > NewApiKey.MAX_NAME_LENGTH) {
            errors.add("name", "must be at most " + NewApiKey.MAX_NAME_LENGTH + " characters");
        }
        ApiKeyScope scope = null;
        if (scopeName == null || scopeName.isBlank()) {
            errors.add("scope", "is required: storefront, eval or admin");
        } else {
            scope = errors.check("scope", () -> JsonEnums.parse(ApiKeyScope.class, "scope", scopeName.strip()));
        }
        errors.throwIfAny();
        ApiKeySecret secret = ApiKeySecret.generate();
        return store.insert(secret.id(), name.strip(), scope, secret.hash(), clock.instant())
                .map(key -> new IssuedApiKey(secret.token(), key.view()));
    }

    public Uni<List<ApiKeyView>> list() {
        return store.list().map(keys -> keys.stream().map(StoredApiKey::view).toList());
    }

    /** @throws ProblemException 404 naming {@code id} when there is no such key */
    public Uni<ApiKeyView> get(String id) {
        return store.find(id).map(key -> key.orElseThrow(() -> unknown(id)).view());
    }

    /**
     * A new secret for a key; the old one stops working at once, or after the rotation's grace period.
     *
     * @throws ProblemException 400 naming {@code graceSeconds}, 404 for no such key, 409 for a revoked one
     */
    public Uni<IssuedApiKey> rotate(String id, ApiKeyRotation request) {
        int grace = request == null || request.graceSeconds() == null ? 0 : request.graceSeconds();
        if (grace < 0 || grace > ApiKeyRotation.MAX_GRACE_SECONDS) {
            throw ProblemException.invalidField(
                    "graceSeconds", "must be 0 to " + ApiKeyRotation.MAX_GRACE_SECONDS + " seconds");
        }
        ApiKeySecret secret = ApiKeySecret.withNewSecret(id);
        Instant now = clock.instant();
        Instant previousValidUntil = grace == 0 ? null : now.plusSeconds(grace);
        return store.rotate(id, secret.hash(), previousValidUntil, now)
                .invoke(() -> authenticator.forget(id))
                .chain(rotated -> rotated.isPresent()
                        ? Uni.createFrom()
                                .item(new IssuedApiKey(
                                        secret.token(), rotated.get().view()))
                        : store.find(id).<IssuedApiKey>map(key -> {
                            throw key.isEmpty()
                                    ? unknown(id)
                                    : new ProblemException(
                                            409, "Conflict", "key " + id + " is revoked; create a new one instead");
                        }));
    }

    /** Revokes a key; revoking a revoked key changes nothing. @throws ProblemException 404 for no such key */
    public Uni<ApiKeyView> revoke(String id) {
        return store.revoke(id, clock.instant())
                .invoke(() -> authenticator.forget(id))
                .map(key -> key.orElseThrow(() -> unknown(id)).view());
    }

    private static ProblemException unknown(String id) {
        return new ProblemException(
                404, "Not found", "id: no API key '" + id + "'", List.of(new Problem.FieldError("id", "no such key")));
    }
}
