package io.magpie.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real kg-service for a {@code @QuarkusTest} of a service that calls it (the gateway's admin console): its
 * fast-jar in a child JVM with its own embedded Neo4j and PostgreSQL, admin key {@value #ADMIN_KEY}. The URL goes to
 * {@code quarkus.rest-client.kg.url}. Build it first: {@code ./mvnw -o package -pl kg-service -DskipTests}. Use it
 * with {@code restrictToAnnotatedClass = true} where other tests expect kg-service to be down. With the init
 * argument {@code traces=true} the child traces and exports its spans to an {@link OtlpTraceReceiver}, whose folder
 * goes to {@value #TRACES_DIR_KEY}.
 */
public class KgServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String CONFIG_KEY = "quarkus.rest-client.kg.url";
    public static final String ADMIN_KEY = "test-admin-key";
    public static final String TRACES_DIR_KEY = "magpie.test.kg.traces-dir";

    private final Neo4jTestResource neo4j = new Neo4jTestResource();
    private final PostgresTestResource postgres = new PostgresTestResource();
    private Path scratch;
    private ServiceJar kg;
    private boolean traces;
    private OtlpTraceReceiver receiver;

    @Override
    public void init(Map<String, String> initArgs) {
        traces = Boolean.parseBoolean(initArgs.getOrDefault("traces", "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(neo4j.start());
        config.putAll(postgres.start());
        config.put("magpie.admin-keys", ADMIN_KEY);
        scratch = MagpieRoot.scratch("kg");
        if (traces) {
            receiver = new OtlpTraceReceiver(scratch.resolve("traces"));
            config.putAll(receiver.childSettings());
        }
        kg = new ServiceJar("kg-service", config, scratch);
        kg.start();
        Map<String, String> tested = new HashMap<>(TestServiceCredential.forServiceUnderTest());
        tested.put(CONFIG_KEY, kg.url());
        if (traces) {
            tested.put(TRACES_DIR_KEY, receiver.dir().toString());
        }
        return tested;
    }

    @Override
    public void stop() {
        try {
            if (kg != null) {
                kg.stop();
                kg = null;
            }
            if (receiver != null) {
                receiver.close();
                receiver = null;
            }
        } finally {
            try {
                postgres.stop();
            } finally {
                neo4j.stop();
                ScratchDirs.delete(scratch);
                scratch = null;
            }
        }
    }
}
