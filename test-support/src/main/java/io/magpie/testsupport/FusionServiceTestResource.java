package io.magpie.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real fusion-service for a {@code @QuarkusTest} of a service that calls it (the gateway): its fast-jar in a child
 * JVM with its own embedded PostgreSQL, admin key {@value #ADMIN_KEY}. The URL goes to
 * {@code quarkus.rest-client.fusion.url}. Build it first: {@code ./mvnw -o package -pl fusion-service -DskipTests}.
 * Use it with {@code restrictToAnnotatedClass = true} where other tests expect fusion-service to be down. Its
 * {@code initArgs} are further configuration of fusion-service.
 */
public class FusionServiceTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String CONFIG_KEY = "quarkus.rest-client.fusion.url";
    public static final String ADMIN_KEY = "test-admin-key";

    private final PostgresTestResource postgres = new PostgresTestResource();
    private Path scratch;
    private ServiceJar fusion;
    private Map<String, String> extra = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        extra = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(postgres.start());
        config.put("magpie.admin-keys", ADMIN_KEY);
        config.putAll(extra);
        scratch = MagpieRoot.scratch("fusion");
        fusion = new ServiceJar("fusion-service", config, scratch);
        fusion.start();
        Map<String, String> tested = new HashMap<>(TestServiceCredential.forServiceUnderTest());
        tested.put(CONFIG_KEY, fusion.url());
        return tested;
    }

    @Override
    public void stop() {
        try {
            if (fusion != null) {
                fusion.stop();
                fusion = null;
            }
        } finally {
            postgres.stop();
            ScratchDirs.delete(scratch);
            scratch = null;
        }
    }
}
