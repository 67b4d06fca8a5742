package io.magpie.gateway.console;

import io.quarkus.qute.TemplateData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service answered to a console call: the value on success, or its problem in words, with the message for
 * each field it named, to show next to that field.
 *
 * @param value  the parsed answer, null on failure
 * @param etag   the ETag of a single read or write, or null
 * @param status HTTP status
 * @param title  the problem's title, null on success
 * @param detail the problem's detail, null on success
 * @param fields field name -> message
 */
@TemplateData
public record ApiOutcome<T>(T value, String etag, int status, String title, String detail, Map<String, String> fields) {

    public static <T> ApiOutcome<T> success(T value, String etag, int status) {
        return new ApiOutcome<>(value, etag, status, null, null, Map.of());
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The optimistic-concurrency refusal of a stale {@code If-Match}. */
    public boolean stale() {
        return status == 409 && "Stale version".equals(title);
    }

    /** One line for a person: the problem's detail, or its title. */
    public String message() {
        if (ok()) {
            return null;
        }
        if (stale()) {
            return "Changed by someone else, reload: " + detail;
        }
        return detail != null && !detail.isBlank() ? detail : title;
    }

    /** The problem's messages for fields this form does not show, so that none is lost. */
    public Map<String, String> otherFields(java.util.Set<String> shown) {
        Map<String, String> other = new LinkedHashMap<>(fields);
        other.keySet().removeAll(shown);
        return other;
    }
}
