package io.magpie.testsupport;

import io.restassured.path.json.JsonPath;
import java.util.Arrays;
import java.util.List;

/** The lines of an NDJSON answer (one JSON object per line), each ready for assertions. */
public final class NdjsonLines {

    private NdjsonLines() {}

    public static List<JsonPath> of(String body) {
        return Arrays.stream(body.split("\n"))
                .filter(line -> !line.isBlank())
                .map(JsonPath::from)
                .toList();
    }
}
