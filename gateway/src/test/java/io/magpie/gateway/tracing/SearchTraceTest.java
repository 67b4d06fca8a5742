package io.magpie.gateway.tracing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.magpie.testsupport.KgServiceTestResource;
import io.magpie.testsupport.OtlpTraceReceiver;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * One trace spans a search across the gateway and a real kg-service process: the gateway's spans are read from its
 * in-memory exporter; kg-service, another JVM, exports its spans by OTLP to a receiver of the test resource, and
 * must have exported one of the same trace whose parent is the gateway's call to it, which it can only know from
 * the W3C {@code traceparent} header the gateway sent.
 */
@QuarkusTest
@QuarkusTestResource(
        value = KgServiceTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "traces", value = "true"))
class SearchTraceTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void oneTraceSpansTheGatewayAndKgService() throws InterruptedException {
        // read here, not injected: only this class's resource sets it, and the other tests share the application
        Path kgTraces =
                Path.of(ConfigProvider.getConfig().getValue(KgServiceTestResource.TRACES_DIR_KEY, String.class));
        spans.reset();
        // only kg-service runs: the search answers from the graph or, finding nothing, 503; either way it asked kg
        given().queryParam("q", "usb cable").when().get("/api/v1/search").then().statusCode(anyOf(is(200), is(503)));

        SpanData search = await(() -> finished(SpanKind.SERVER, "/api/v1/search"), "the gateway's search span");
        SpanData kgCall = await(() -> finished(SpanKind.CLIENT, "/v1/expand"), "the gateway's call to kg-service");
        assertEquals(search.getTraceId(), kgCall.getTraceId(), "the call to kg-service is part of the search's trace");
        await(
                () -> OtlpTraceReceiver.exported(kgTraces, kgCall.getTraceId(), kgCall.getSpanId())
                        ? Optional.of(true)
                        : Optional.empty(),
                "kg-service's span in the search's trace, child of the gateway's call");
    }

    /** A finished span of this kind whose name or attributes mention {@code path}. */
    private Optional<SpanData> finished(SpanKind kind, String path) {
        List<SpanData> all = spans.getFinishedSpanItems();
        return all.stream()
                .filter(span -> span.getKind() == kind)
                .filter(span -> span.getName().contains(path)
                        || span.getAttributes().asMap().values().stream()
                                .anyMatch(value -> String.valueOf(value).contains(path)))
                .findFirst();
    }

    /** Spans are exported after they end, off the request's thread: wait up to 15 s. */
    private static <T> T await(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        return fail("not seen within 15 s: " + what);
    }
}
