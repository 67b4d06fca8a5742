package io.magpie.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A stand-in OpenTelemetry collector for a service run as a child process: accepts OTLP/HTTP trace exports
 * ({@code POST /v1/traces}, protobuf) on a loopback port and keeps each body as a file, so that a test in another
 * JVM can tell which trace and span ids the child exported. Ids are raw bytes in protobuf, so a body holds a
 * trace id exactly when its 16 bytes occur in it; nothing here parses OTLP further.
 */
public final class OtlpTraceReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Path dir;
    private final AtomicInteger received = new AtomicInteger();

    public OtlpTraceReceiver(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                Files.write(dir.resolve("export-" + received.incrementAndGet() + ".bin"), body.readAllBytes());
            }
            // an empty ExportTraceServiceResponse: everything accepted
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** Where a child's OTLP exporter sends traces ({@code quarkus.otel.exporter.otlp.traces.endpoint}). */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Child settings that turn its tracing on and send every span here within a fraction of a second. */
    public Map<String, String> childSettings() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    public Path dir() {
        return dir;
    }

    /**
     * Whether an export kept in {@code dir} (by a receiver in this or another JVM) holds every one of the ids
     * (hex, as {@code SpanContext} gives them): a span of that trace with that parent, for example.
     */
    public static boolean exported(Path dir, String... hexIds) {
        List<byte[]> ids = new ArrayList<>();
        for (String hex : hexIds) {
            ids.add(HexFormat.of().parseHex(hex));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                byte[] body = Files.readAllBytes(file);
                if (ids.stream().allMatch(id -> indexOf(body, id) >= 0)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
