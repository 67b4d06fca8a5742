package io.magpie.fusion.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.api.fusion.FusionModelActivation;
import io.magpie.api.model.ModelRef;
import io.magpie.fusion.features.FeatureExtractor;
import io.magpie.fusion.model.ModelDescriptor;
import io.magpie.fusion.model.StoredModelFile;
import io.magpie.fusion.service.ModelLoading;
import io.magpie.fusion.store.ModelStore;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registry retention with a real PostgreSQL: storing a version prunes never-activated versions beyond the newest
 * two and drops the files of activated versions other than the two most recently activated (the active one and
 * one to roll back to), keeping their rows for the activation history; a version so emptied is refused (422).
 */
@QuarkusTest
@TestProfile(ModelRetentionTest.SmallRetention.class)
class ModelRetentionTest {

    private static final String NAME = "retention";

    public static class SmallRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "magpie.fusion.models.keep-candidates", "2",
                    "magpie.fusion.models.keep-previous", "1",
                    "magpie.fusion.models.active-recheck", "0s");
        }
    }

    @Inject
    ModelStore store;

    @Test
    void keepsTheActiveThePreviousForRollbackAndTheNewestCandidates() {
        save();
        save();
        save();
        assertEquals(List.of(2, 3), versions(), "the oldest never-activated version is deleted");

        activate(2);
        activate(3);
        save();
        assertEquals(List.of(2, 3, 4), versions(), "activated versions do not count as candidates");
        save();
        save();
        assertEquals(List.of(2, 3, 5, 6), versions());

        activate(5);
        save();
        assertEquals(List.of(2, 3, 5, 6, 7), versions(), "an activated version keeps its row (history refers to it)");
        assertTrue(store.files(ModelRef.of(NAME, "2")).isEmpty(), "but its files go beyond the previous one");
        assertEquals(1, store.files(ModelRef.of(NAME, "3")).size(), "the one to roll back to keeps its files");
        assertEquals(1, store.files(ModelRef.of(NAME, "5")).size(), "the active one keeps its files");

        ModelAdminResourceTest.refused(NAME + "@2", 422);
    }

    private void save() {
        store.saveNewVersion(
                new ModelDescriptor(
                        NAME,
                        null,
                        ModelDescriptor.LAMBDAMART,
                        FeatureExtractor.SCHEMA,
                        Instant.now(),
                        Map.of("variant", "plain"),
                        Map.of("rounds", 1.0),
                        "retention test"),
                List.of(StoredModelFile.of(ModelLoading.TREES_FILE, new byte[] {1, 2, 3})));
    }

    private void activate(int version) {
        store.recordActivation(ModelRef.of(NAME, String.valueOf(version)), "test", FusionModelActivation.ACTIVATE);
    }

    private List<Integer> versions() {
        return store.list().stream()
                .filter(d -> d.name().equals(NAME))
                .map(d -> Integer.parseInt(d.version()))
                .sorted()
                .toList();
    }
}
