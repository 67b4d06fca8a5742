package io.magpie.api.keys;

/**
 * A rotation: {@code POST /api/v1/admin/keys/{id}/rotate}; the body may be absent.
 *
 * @param graceSeconds how long the old secret keeps working, 0 (default) to {@link #MAX_GRACE_SECONDS}
 */
public record ApiKeyRotation(Integer graceSeconds) {

    public static final int MAX_GRACE_SECONDS = 86_400;
}
