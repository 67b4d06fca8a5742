package io.magpie.eval.keys;

import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.eval.cli.GatewayOption;
import io.magpie.eval.cli.KeyOptions;
import io.magpie.eval.http.HttpStatusException;
import io.magpie.eval.http.JsonHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The gateway's API keys through its admin API ({@code /api/v1/admin/keys}): create, list, rotate, revoke. A secret
 * is printed once, when it is made. Exits 1 when the gateway refuses, with its problem's detail.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Create, list, rotate and revoke the gateway's API keys (needs an admin key).",
        subcommands = {
            KeysCommand.Create.class,
            KeysCommand.ListKeys.class,
            KeysCommand.Rotate.class,
            KeysCommand.Revoke.class
        })
public class KeysCommand {

    static final String KEYS = "/api/v1/admin/keys";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** What every subcommand shares: where the gateway is, the admin key, and how the answer is printed. */
    abstract static class KeysCall implements Callable<Integer> {

        @Mixin
        GatewayOption gateway;

        @Mixin
        KeyOptions key;

        @Option(names = "--json", description = "print the gateway's answer as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            JsonHttp http = JsonHttp.to(gateway.uri()).key(key.required()).build();
            JsonNode answer;
            try {
                answer = send(http);
            } catch (HttpStatusException e) {
                System.err.println(e.getMessage());
                return 1;
            }
            if (json) {
                System.out.println(http.json().writerWithDefaultPrettyPrinter().writeValueAsString(answer));
            } else {
                print(answer);
            }
            return 0;
        }

        abstract JsonNode send(JsonHttp http) throws Exception;

        abstract void print(JsonNode answer);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a key; prints its secret once.")
    static class Create extends KeysCall {

        @Option(names = "--name", required = true, description = "what the key is for (a store, a tool)")
        String name;

        @Option(
                names = "--scope",
                defaultValue = "storefront",
                description = "storefront, eval or admin (default: ${DEFAULT-VALUE})")
        String scope;

        @Override
        JsonNode send(JsonHttp http) throws Exception {
            return http.post(KEYS, Map.of("name", name, "scope", scope), TIMEOUT);
        }

        @Override
        void print(JsonNode answer) {
            printIssued(answer);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every key, revoked ones too.")
    static class ListKeys extends KeysCall {

        @Override
        JsonNode send(JsonHttp http) throws Exception {
            return http.get(KEYS, TIMEOUT);
        }

        @Override
        void print(JsonNode answer) {
            System.out.printf("%-16s  %-10s  %-24s  %-27s  %s%n", "id", "scope", "name", "last used", "revoked");
            for (JsonNode key : answer) {
                System.out.printf(
                        "%-16s  %-10s  %-24s  %-27s  %s%n",
                        key.path("id").asText(),
                        key.path("scope").asText(),
                        key.path("name").asText(),
                        key.path("lastUsedAt").asText("-"),
                        key.path("revokedAt").asText("-"));
            }
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Give a key a new secret (printed once); the old one stops working after --grace.")
    static class Rotate extends KeysCall {

        @Parameters(paramLabel = "ID", description = "the key's id")
        String id;

        @Option(
                names = "--grace",
                defaultValue = "0",
                description = "seconds the old secret keeps working, 0 to 86400 (default: ${DEFAULT-VALUE})")
        int graceSeconds;

        @Override
        JsonNode send(JsonHttp http) throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("graceSeconds", graceSeconds);
            return http.post(KEYS + "/" + id + "/rotate", body, TIMEOUT);
        }

        @Override
        void print(JsonNode answer) {
            printIssued(answer);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key.")
    static class Revoke extends KeysCall {

        @Parameters(paramLabel = "ID", description = "the key's id")
        String id;

        @Override
        JsonNode send(JsonHttp http) throws Exception {
            return http.delete(KEYS + "/" + id, TIMEOUT);
        }

        @Override
        void print(JsonNode answer) {
            System.out.printf(
                    "revoked key %s (%s) at %s%n",
                    answer.path("id").asText(),
                    answer.path("name").asText(),
                    answer.path("revokedAt").asText());
        }
    }

    private static void printIssued(JsonNode answer) {
        JsonNode key = answer.path("key");
        System.out.printf(
                "key %s (%s, %s); its secret, shown only now:%n%s%n",
                key.path("id").asText(),
                key.path("scope").asText(),
                key.path("name").asText(),
                answer.path("secret").asText());
    }
}
