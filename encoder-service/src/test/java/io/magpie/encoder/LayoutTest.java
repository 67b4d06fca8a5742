package io.magpie.encoder;

import io.magpie.testsupport.ServiceLayoutTest;

/** The house layout (CONTRIBUTING.md) holds for this service. */
class LayoutTest extends ServiceLayoutTest {

    LayoutTest() {
        super("io.magpie.encoder", "magpie.encoder");
    }
}
