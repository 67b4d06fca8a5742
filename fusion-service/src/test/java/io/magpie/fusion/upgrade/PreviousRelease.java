package io.magpie.fusion.upgrade;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A service started where an installation of an earlier release left off ({@link PreviousReleaseUpgradeTest}): the
 * model folder used before the registry, and a database laid out by the release before schema migrations, without a
 * migration history ({@link PreviousReleaseDatabase}), in place of the tests' usual empty PostgreSQL. Quarkus
 * restarts for every test class that uses this profile (its test resource is the profile's own): keep its tests in
 * that one class.
 */
public class PreviousRelease implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        PreviousReleaseUpgradeTest.writeOldFolder();
        return Map.of(
                "magpie.fusion.models.dir",
                PreviousReleaseUpgradeTest.FOLDER.toString(),
                "magpie.fusion.models.active-recheck",
                "0s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PreviousReleaseDatabase.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        // the global PostgresTestResource would be a second, empty server
        return true;
    }
}
