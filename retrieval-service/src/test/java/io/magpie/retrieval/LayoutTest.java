package io.magpie.retrieval;

import io.magpie.testsupport.ServiceLayoutTest;

/** The house layout (CONTRIBUTING.md) holds for this service. */
class LayoutTest extends ServiceLayoutTest {

    LayoutTest() {
        super("io.magpie.retrieval", "magpie.retrieval");
    }
}
