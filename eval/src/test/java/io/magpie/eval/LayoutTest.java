package io.magpie.eval;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The eval tool's packages import one another one way only (CONTRIBUTING.md). */
class LayoutTest {

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.magpie.eval.(*)..")
                .should()
                .beFreeOfCycles()
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.magpie.eval"));
    }
}
