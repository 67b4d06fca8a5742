package io.magpie.eval.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magpie.eval.MagpieEval;
import io.magpie.testsupport.MagpieRoot;
import io.magpie.testsupport.PostgresTestResource;
import io.magpie.testsupport.ScratchDirs;
import io.magpie.testsupport.ServiceJar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code magpie-eval keys} against a real gateway (its packaged jar, with a real PostgreSQL for the keys; build it
 * first: {@code ./mvnw -o package -pl gateway -DskipTests}): a key made by {@code create} searches, {@code list} shows
 * it, {@code rotate} retires its old secret, and after {@code revoke} the gateway refuses it (401). The search
 * services are not running, so a search that gets past the key checks answers 503.
 */
class KeysCommandTest {

    private static final String ADMIN_KEY = "eval-keys-test-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PostgresTestResource postgres;
    private static ServiceJar gateway;
    private static Path scratch;

    @BeforeAll
    static void startGateway() {
        postgres = new PostgresTestResource();
        Map<String, String> config = new HashMap<>(postgres.start());
        config.put("magpie.gateway.admin-keys", ADMIN_KEY);
        scratch = MagpieRoot.scratch("gateway");
        gateway = new ServiceJar("gateway", config, scratch);
        gateway.start();
    }

    @AfterAll
    static void stopGateway() {
        try {
            if (gateway != null) {
                gateway.stop();
            }
        } finally {
            postgres.stop();
            ScratchDirs.delete(scratch);
        }
    }

    /** Runs {@code magpie-eval keys ...} against the gateway and answers its JSON output; fails on a non-zero exit. */
    private static JsonNode keys(String... arguments) throws Exception {
        String[] full = new String[arguments.length + 6];
        full[0] = "keys";
        System.arraycopy(arguments, 0, full, 1, arguments.length);
        full[arguments.length + 1] = "--gateway";
        full[arguments.length + 2] = gateway.url();
        full[arguments.length + 3] = "--admin-key";
        full[arguments.length + 4] = ADMIN_KEY;
        full[arguments.length + 5] = "--json";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new MagpieEval()).execute(full);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, String.join(" ", arguments) + " printed: " + printed);
        return JSON.readTree(printed);
    }

    private static int search(String secret) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/api/v1/search?q=paper+towels"))
                .header("Authorization", "Bearer " + secret)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aKeyIsCreatedListedRotatedAndRevokedFromTheCommandLine() throws Exception {
        JsonNode created = keys("create", "--name", "shop-from-cli", "--scope", "storefront");
        String id = created.path("key").path("id").asText();
        String secret = created.path("secret").asText();
        assertEquals("storefront", created.path("key").path("scope").asText());
        assertTrue(secret.startsWith("mgp_" + id + "_"), secret);
        assertEquals(503, search(secret), "the new key gets past the key checks");

        JsonNode listed = keys("list");
        boolean found = false;
        for (JsonNode key : listed) {
            if (key.path("id").asText().equals(id)) {
                found = true;
                assertEquals("shop-from-cli", key.path("name").asText());
                assertTrue(
                        key.path("revokedAt").isNull() || key.path("revokedAt").isMissingNode(), key.toString());
            }
        }
        assertTrue(found, "list shows the new key: " + listed);

        String rotated = keys("rotate", id).path("secret").asText();
        assertNotEquals(secret, rotated);
        assertEquals(401, search(secret), "rotated without grace: the old secret is refused at once");
        assertEquals(503, search(rotated));

        JsonNode revoked = keys("revoke", id);
        assertTrue(revoked.path("revokedAt").isTextual(), revoked.toString());
        assertEquals(401, search(rotated), "revoked: the gateway refuses the key");
    }
}
