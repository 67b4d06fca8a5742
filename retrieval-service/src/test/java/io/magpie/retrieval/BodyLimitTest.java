package io.magpie.retrieval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.testsupport.MilvusTestResource;
import io.magpie.testsupport.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, defect 6: every endpoint of retrieval-service took 2 GB bodies (the limit meant for the streamed
 * ingest). Now only {@code POST /v1/products} does; any other route answers 413 problem+json by the declared length,
 * at once, without reading the body. The requests are written by hand: a client library would refuse to declare a
 * length it does not send.
 */
@QuarkusTest
@TestProfile(BulkIngestStreamTest.OutboxOnly.class)
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = MilvusTestResource.class, parallel = true)
class BodyLimitTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aTwoGigabyteBodyOnASmallRouteIsRefusedAtOnce() throws IOException {
        String answer = exchange(
                "POST /v1/facets HTTP/1.1\r\nContent-Type: application/json\r\n" + "Content-Length: 2147483648\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("POST /v1/facets takes at most 10485760"), answer);
    }

    @Test
    void aStreamedBodyOnASmallRouteNeedsALength() throws IOException {
        String answer = exchange("POST /v1/candidates/lexical HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 411"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
    }

    /** Sends the head and 16 KiB of body, and reads the answer until the server closes (15 s at most). */
    private String exchange(String head) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: " + base.getHost() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(head.contains("chunked") ? "4000\r\n".getBytes(StandardCharsets.US_ASCII) : new byte[0]);
            out.write(new byte[16 * 1024]);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
