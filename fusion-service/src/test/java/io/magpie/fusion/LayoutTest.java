package io.magpie.fusion;

import io.magpie.testsupport.ServiceLayoutTest;

/** The house layout (CONTRIBUTING.md) holds for this service. */
class LayoutTest extends ServiceLayoutTest {

    LayoutTest() {
        super("io.magpie.fusion", "magpie.fusion");
    }
}
