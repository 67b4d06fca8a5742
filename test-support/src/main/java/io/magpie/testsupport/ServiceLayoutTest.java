package io.magpie.testsupport;

import org.junit.jupiter.api.Test;

/**
 * The house layout (CONTRIBUTING.md) as tests: a service's {@code LayoutTest} extends this with its root package
 * and settings prefix.
 */
public abstract class ServiceLayoutTest {

    private final LayoutRules rules;

    protected ServiceLayoutTest(String basePackage, String configPrefix) {
        this.rules = new LayoutRules(basePackage, configPrefix);
    }

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
