package io.magpie.gateway.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The breaker-state gauges go with the bean that registered them: the registry outlives it (tests share Micrometer's
 * global registry across application starts), and a gauge left behind reads a dead bean. An application of its own,
 * since removing the gauges would take them from other tests' application.
 */
@QuarkusTest
@TestProfile(BranchGuardsTest.OwnApplication.class)
class BranchGuardsTest {

    private static final String STATE = "magpie.outbound.breaker.state";

    @Inject
    BranchGuards guards;

    @Inject
    MeterRegistry registry;

    @Test
    void theBreakerStateGaugesGoWithTheBean() {
        assertEquals(
                1,
                guards.call("gauge-check", () -> Uni.createFrom().item(1))
                        .await()
                        .indefinitely());
        assertNotNull(registry.find(STATE).tag("branch", "gauge-check").gauge());

        guards.removeGauges(); // what the container calls when the bean goes (@PreDestroy)

        assertNull(registry.find(STATE).tag("branch", "gauge-check").gauge());
    }

    public static class OwnApplication implements QuarkusTestProfile {}
}
