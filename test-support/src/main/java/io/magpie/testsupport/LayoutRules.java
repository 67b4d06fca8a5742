package io.magpie.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The house layout of every service (CONTRIBUTING.md), checked on its compiled classes: endpoints in {@code rest},
 * {@code @ConfigMapping} interfaces in {@code config} under {@code magpie.<service>}, and no two packages that
 * import each other, directly or round a longer loop.
 */
public final class LayoutRules {

    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String CONFIG_MAPPING = "io.smallrye.config.ConfigMapping";

    private final String basePackage;
    private final String configPrefix;
    private final JavaClasses classes;

    /**
     * @param basePackage  the service's root package, e.g. {@code io.magpie.kg}
     * @param configPrefix its settings' prefix, e.g. {@code magpie.kg}
     */
    public LayoutRules(String basePackage, String configPrefix) {
        this.basePackage = basePackage;
        this.configPrefix = configPrefix;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Every class with {@code @Path} is an endpoint and lives in {@code rest}. */
    public void endpointsLiveInRest() {
        classes()
                .that()
                .areAnnotatedWith(PATH)
                .should()
                .resideInAPackage(basePackage + ".rest")
                .because("a reader finds every endpoint of a service in its rest package")
                .check(classes);
    }

    /** Every {@code @ConfigMapping} lives in {@code config} and maps a prefix under the service's own. */
    public void settingsLiveInConfigUnderTheServicePrefix() {
        classes()
                .that()
                .areAnnotatedWith(CONFIG_MAPPING)
                .should()
                .resideInAPackage(basePackage + ".config")
                .andShould(mapPrefixUnder(configPrefix))
                .because("a reader finds every setting of a service in its config package, named magpie.<service>")
                .check(classes);
    }

    /** No package imports a package that imports it back. */
    public void packagesHaveNoCycles() {
        slices().matching(basePackage + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("dependencies between a service's packages run one way, from rest down to store")
                .check(classes);
    }

    private static ArchCondition<JavaClass> mapPrefixUnder(String prefix) {
        return new ArchCondition<>("map a prefix under " + prefix) {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                JavaAnnotation<JavaClass> mapping = item.getAnnotationOfType(CONFIG_MAPPING);
                String mapped = String.valueOf(mapping.get("prefix").orElse(""));
                boolean ok = mapped.equals(prefix) || mapped.startsWith(prefix + ".");
                events.add(new SimpleConditionEvent(
                        item,
                        ok,
                        item.getName() + " maps '" + mapped + "'" + (ok ? "" : ", not under '" + prefix + "'")));
            }
        };
    }

    /** Fails the caller's test unless the service holds classes to check (a wrong base package checks nothing). */
    public void requireClasses() {
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + basePackage);
        }
    }
}
