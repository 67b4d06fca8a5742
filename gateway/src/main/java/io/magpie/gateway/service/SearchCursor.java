package io.magpie.gateway.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque token of a next page: the request's parameters, where the page starts, and the fingerprint of the
 * ranking it pages through (base64url of JSON; not a secret: it grants nothing its parameters would not).
 *
 * @param parameters  the request as sent
 * @param offset      items before the page
 * @param fingerprint {@link io.magpie.gateway.model.FusedRanking#fingerprint()} of the ranking
 */
public record SearchCursor(SearchParameters parameters, int offset, long fingerprint) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 8192;

    public String encode() {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a cursor always serialises", e);
        }
    }

    public static SearchCursor decode(String token) {
        try {
            if (token.length() <= MAX_LENGTH) {
                SearchCursor cursor = JSON.readValue(
                        new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8),
                        SearchCursor.class);
                if (cursor.parameters() != null && cursor.offset() >= 0) {
                    return cursor;
                }
            }
        } catch (IllegalArgumentException | JsonProcessingException e) {
            // answered below
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this API made (send it back as received)");
    }
}
