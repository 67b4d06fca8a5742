package io.magpie.retrieval;

import io.magpie.testsupport.LayoutRules;
import org.junit.jupiter.api.Test;

/** The house layout (CONTRIBUTING.md) holds for this service. */
class LayoutTest {

    private final LayoutRules rules = new LayoutRules("io.magpie.retrieval", "magpie.retrieval");

    @Test
    void endpointsLiveInRest() {
        rules.requireClasses();
        rules.endpointsLiveInRest();
    }

    @Test
    void settingsLiveInConfigUnderTheServicePrefix() {
        rules.settingsLiveInConfigUnderTheServicePrefix();
    }

    @Test
    void packagesHaveNoCycles() {
        rules.packagesHaveNoCycles();
    }
}
