package io.magpie.fusion.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.api.problem.ProblemException;
import io.magpie.fusion.config.EventsConfig;
import io.magpie.fusion.model.RawEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a batch of events from a request body, a JSON array or NDJSON, into one JSON tree per event. A body that
 * is not JSON at all is a 400; one with too many events or bytes is a 413 (read no further: nothing is stored).
 * A malformed NDJSON line only rejects that event.
 */
@ApplicationScoped
public class EventBodyReader {

    private final ObjectMapper json;
    private final int maxEvents;
    private final long maxBytes;

    public EventBodyReader(ObjectMapper json, EventsConfig config) {
        this.json = json;
        this.maxEvents = config.maxBatchSize();
        this.maxBytes = config.maxBodySize().asLongValue();
    }

    public List<RawEvent> readJsonArray(InputStream body) {
        List<RawEvent> events = new ArrayList<>();
        try (JsonParser parser = json.createParser(limited(body))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("the body must be a JSON array of events (or NDJSON, one event "
                        + "per line, sent as application/x-ndjson)");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw ProblemException.badRequest("the JSON array of events is not closed");
                }
                JsonNode event = parser.readValueAsTree();
                checkCount(events.size() + 1);
                events.add(new RawEvent(events.size(), null, event, null));
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("the body has more after the JSON array of events");
            }
        } catch (JsonProcessingException e) {
            throw new ProblemException(
                    400,
                    "Malformed JSON",
                    "the body is not valid JSON at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": "
                            + e.getOriginalMessage() + "; nothing was stored");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return events;
    }

    public List<RawEvent> readNdjson(InputStream body) {
        List<RawEvent> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(limited(body), StandardCharsets.UTF_8))) {
            long lineNumber = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                checkCount(events.size() + 1);
                events.add(parseLine(events.size(), lineNumber, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
        return events;
    }

    private RawEvent parseLine(int index, long lineNumber, String line) {
        try {
            JsonNode event = json.readTree(line);
            if (event == null || !event.isObject()) {
                return new RawEvent(index, lineNumber, null, "the line is not a JSON object");
            }
            return new RawEvent(index, lineNumber, event, null);
        } catch (JsonProcessingException e) {
            return new RawEvent(index, lineNumber, null, "the line is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void checkCount(int count) {
        if (count > maxEvents) {
            throw new ProblemException(
                    413,
                    "Batch too large",
                    "a batch holds at most " + maxEvents + " events; split it. Nothing was stored");
        }
    }

    private InputStream limited(InputStream body) {
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > maxBytes) {
                    throw new ProblemException(
                            413,
                            "Body too large",
                            "a batch body holds at most " + maxBytes + " bytes; split it. Nothing was stored");
                }
            }
        };
    }
}
