package io.magpie.fusion.upgrade;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A service started where an installation of an earlier release left off: the model folder used before the registry
 * ({@link LegacyModelFolderImportTest}) and a database laid out by the release before schema migrations, without a
 * migration history ({@link PreviousReleaseDatabase}, {@link SchemaUpgradeTest}). That database replaces the tests'
 * usual empty PostgreSQL.
 */
public class PreviousRelease implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        LegacyModelFolderImportTest.writeOldFolder();
        return Map.of(
                "magpie.fusion.models.dir",
                LegacyModelFolderImportTest.FOLDER.toString(),
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
