package io.magpie.api.keys;

/**
 * What a gateway API key may do: {@code storefront} searches and recommends with the configured ranking;
 * {@code eval} (trusted) may also choose sources, strategy and model and ask for explanations; {@code admin} may also
 * call every {@code /api/v1/admin} endpoint and sign in to the console. In JSON as the lower-case name.
 */
public enum ApiKeyScope {
    STOREFRONT,
    EVAL,
    ADMIN;

    /** Whether this scope may choose a search's ranking (sources, strategy, model, explain). */
    public boolean trusted() {
        return this != STOREFRONT;
    }
}
