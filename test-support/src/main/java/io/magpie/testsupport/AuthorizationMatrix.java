package io.magpie.testsupport;

import io.magpie.api.security.AdminActor;
import io.magpie.api.security.ServiceCredential;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may call what: every endpoint of the gateway and of each internal service against each kind of caller, from
 * one table ({@value #RESOURCE}) that the README shows as it is ({@link #markdown()}). A service's test walks its
 * rows against the running service ({@link #walk}) and checks that the rows name exactly the operations of its
 * OpenAPI document ({@link #uncovered}), so a new endpoint cannot be left out of the table.
 *
 * <p>An expected {@code ok} means the caller got past authentication and authorisation (any status but 401 and
 * 403: a probe's body is deliberately empty, so a 400 is an ok); {@code 401} and {@code 403} must be exactly that.
 */
public final class AuthorizationMatrix {

    public static final String RESOURCE = "/authorization-matrix.csv";

    /** The kinds of caller, in the table's column order. */
    public enum Caller {
        NONE("none"),
        STOREFRONT("storefront"),
        EVAL("eval"),
        ADMIN("admin"),
        SERVICE("service"),
        SERVICE_ADMIN("service+admin"),
        SERVICE_ACTOR("service+actor");

        final String column;

        Caller(String column) {
            this.column = column;
        }
    }

    /** The admin the service+actor caller asserts, as the gateway vouches for a stored admin key (docs/adr/0029). */
    static final String PROBE_ACTOR = "key:000000000000";

    /** The secrets a service under test was configured with. */
    public record Secrets(String adminKey, String evalKey, String storefrontKey, String serviceCredential) {

        /**
         * What every service's test profile configures: the admin key {@code test-admin-key}, the gateway's trusted
         * key {@code test-eval-key}, the run's {@link TestServiceCredential}; and a storefront key (the internal
         * services know no storefront keys, so any other token will do; the gateway needs a stored one).
         */
        public static Secrets ofTestProfile(String storefrontKey) {
            return new Secrets("test-admin-key", "test-eval-key", storefrontKey, TestServiceCredential.VALUE);
        }

        Map<String, String> headers(Caller caller) {
            Map<String, String> headers = new LinkedHashMap<>();
            switch (caller) {
                case NONE -> {}
                case STOREFRONT -> headers.put("Authorization", "Bearer " + storefrontKey);
                case EVAL -> headers.put("Authorization", "Bearer " + evalKey);
                case ADMIN -> headers.put("Authorization", "Bearer " + adminKey);
                case SERVICE -> headers.put(ServiceCredential.HEADER, serviceCredential);
                case SERVICE_ADMIN -> {
                    headers.put("Authorization", "Bearer " + adminKey);
                    headers.put(ServiceCredential.HEADER, serviceCredential);
                }
                case SERVICE_ACTOR -> {
                    headers.put(ServiceCredential.HEADER, serviceCredential);
                    headers.put(AdminActor.HEADER, PROBE_ACTOR);
                }
            }
            return headers;
        }
    }

    /** One endpoint of one service and what each caller gets. */
    public record Row(String service, String method, String path, Map<Caller, String> expected) {

        String operation() {
            return method + " " + path;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AuthorizationMatrix() {}

    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : lines()) {
            String[] cells = line.split(",", -1);
            Map<Caller, String> expected = new LinkedHashMap<>();
            for (Caller caller : Caller.values()) {
                expected.put(caller, cells[3 + caller.ordinal()].strip());
            }
            rows.add(new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), expected));
        }
        return rows;
    }

    public static List<Row> rows(String service) {
        return rows().stream().filter(row -> row.service().equals(service)).toList();
    }

    /**
     * Calls every row of {@code service} as every kind of caller.
     *
     * @return one line per answer that differs from the table; empty when all agree
     */
    public static List<String> walk(String service, String baseUrl, Secrets secrets) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> differences = new ArrayList<>();
        for (Row row : rows(service)) {
            for (Caller caller : Caller.values()) {
                int status = call(http, baseUrl, row, secrets.headers(caller));
                String expected = row.expected().get(caller);
                boolean agrees = expected.equals("ok") ? status != 401 && status != 403 : expected.equals("" + status);
                if (!agrees) {
                    differences.add(
                            row.operation() + " as " + caller.column + ": " + status + ", table says " + expected);
                }
            }
        }
        return differences;
    }

    /**
     * Everything on which the table and the running service disagree: the answers of {@link #walk}, then the
     * operations only one of them names ({@link #uncovered}, read with the service credential).
     */
    public static List<String> disagreements(String service, String baseUrl, Secrets secrets) {
        List<String> disagreements = new ArrayList<>(walk(service, baseUrl, secrets));
        disagreements.addAll(uncovered(service, baseUrl, secrets.headers(Caller.SERVICE)));
        return disagreements;
    }

    /**
     * The operations of the service's OpenAPI document that the table lacks, and the table's rows (outside
     * {@code /q/}) that the document lacks, each as {@code METHOD /path}.
     */
    public static Set<String> uncovered(String service, String baseUrl, Map<String, String> headers) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Set<String> documented = new TreeSet<>();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .timeout(TIMEOUT);
            headers.forEach(request::header);
            String document = http.send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            Map<String, Map<String, Object>> paths = JsonPath.from(document).getMap("paths");
            paths.forEach((path, operations) -> operations.keySet().stream()
                    .filter(method ->
                            Set.of("get", "post", "put", "delete", "patch").contains(method))
                    .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Set<String> tabled = rows(service).stream()
                .filter(row -> !row.path().startsWith("/q/"))
                .map(Row::operation)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> differences = new TreeSet<>();
        documented.stream()
                .filter(op -> !tabled.contains(op))
                .map(op -> "not in the table: " + op)
                .forEach(differences::add);
        tabled.stream()
                .filter(op -> !documented.contains(op))
                .map(op -> "not in OpenAPI: " + op)
                .forEach(differences::add);
        return differences;
    }

    /** The table as the README shows it. */
    public static String markdown() {
        StringBuilder table = new StringBuilder("| service | endpoint |");
        for (Caller caller : Caller.values()) {
            table.append(' ').append(caller.column).append(" |");
        }
        table.append("\n|---|---|")
                .append("---|".repeat(Caller.values().length))
                .append('\n');
        for (Row row : rows()) {
            table.append("| ")
                    .append(row.service())
                    .append(" | `")
                    .append(row.operation())
                    .append("` |");
            for (Caller caller : Caller.values()) {
                table.append(' ').append(row.expected().get(caller)).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** Whether the README shows {@link #markdown()} between its authorization-matrix markers. */
    public static boolean readmeShowsTheTable() {
        try {
            String readme = java.nio.file.Files.readString(MagpieRoot.dir().resolve("README.md"));
            return readme.contains(
                    "<!-- authorization-matrix:start -->\n" + markdown() + "<!-- authorization-matrix:end -->");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int call(HttpClient http, String baseUrl, Row row, Map<String, String> headers) {
        String path = row.path().replaceAll("\\{[^}]+}", "matrix-probe");
        boolean withBody = Set.of("POST", "PUT", "PATCH").contains(row.method());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .method(
                        row.method(),
                        withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(row.operation() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines() {
        try (InputStream in = AuthorizationMatrix.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("service,"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
