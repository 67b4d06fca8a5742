package io.magpie.api.keys;

/**
 * A key to create: {@code POST /api/v1/admin/keys}.
 *
 * @param name  what the key is for (a store, a tool), 1 to {@link #MAX_NAME_LENGTH} characters
 * @param scope {@code storefront}, {@code eval} or {@code admin}
 */
public record NewApiKey(String name, String scope) {

    public static final int MAX_NAME_LENGTH = 100;
}
