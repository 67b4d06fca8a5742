package io.magpie.api.keys;

/**
 * A key just created or rotated, with its secret: the only answer that ever carries it (only its hash is stored).
 *
 * @param secret the whole bearer token, {@code mgp_<id>_<random>}
 */
public record IssuedApiKey(String secret, ApiKeyView key) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + "]"; // never the secret in a log line
    }
}
