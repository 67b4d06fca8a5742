package io.magpie.fusion.ranking.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.magpie.fusion.ranking.attention.SyntheticLists.Labelled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save and load with real DJL/PyTorch: a trained model comes back identical; bad files are refused. */
class AttentionModelFilesTest {

    private static AttentionFusionModel trained;
    private static List<AttentionInput> probes;

    @TempDir
    Path folder;

    @BeforeAll
    static void train() {
        List<TrainingQuery> queries = new SyntheticLists(31, 15, 0.2)
                .queries(40).stream().map(Labelled::query).toList();
        trained = AttentionTrainer.train(
                SyntheticLists.SHAPE,
                SyntheticLists.SCHEMA,
                queries,
                AttentionHyperParameters.defaults().withEpochs(3, 3));
        probes = new SyntheticLists(32, 25, 0.3)
                .queries(4).stream().map(l -> l.query().input()).toList();
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    @Test
    void aSavedModelLoadsWithIdenticalScoresWeightsAndDescription() throws IOException {
        trained.save(folder);
        try (AttentionFusionModel loaded =
                AttentionFusionModel.load(folder, SyntheticLists.SHAPE, SyntheticLists.SCHEMA)) {
            for (AttentionInput probe : probes) {
                AttentionScores before = trained.score(probe);
                AttentionScores after = loaded.score(probe);
                assertArrayEquals(before.scores(), after.scores());
                for (int i = 0; i < probe.size(); i++) {
                    assertArrayEquals(before.weights()[i], after.weights()[i]);
                }
            }
            assertEquals(trained.hyperParameters(), loaded.hyperParameters());
            assertEquals(trained.metrics(), loaded.metrics());
            assertEquals(SyntheticLists.SCHEMA, loaded.featureSchema());
        }
        String descriptor = Files.readString(folder.resolve(AttentionModelFiles.DESCRIPTOR));
        assertTrue(descriptor.contains("\"format\" : \"magpie-attention-fusion\""), descriptor);
        assertTrue(descriptor.contains("\"bestValidationNdcg10\""), descriptor);
    }

    @Test
    void aChangedByteInTheParametersIsRefused() throws IOException {
        trained.save(folder);
        Path parameters = folder.resolve(AttentionModelFiles.PARAMETERS);
        byte[] bytes = Files.readAllBytes(parameters);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(parameters, bytes);
        assertRefused("does not match the checksum");
    }

    @Test
    void aTruncatedParameterFileIsRefused() throws IOException {
        trained.save(folder);
        Path parameters = folder.resolve(AttentionModelFiles.PARAMETERS);
        byte[] bytes = Files.readAllBytes(parameters);
        Files.write(parameters, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused("does not match the checksum");
    }

    @Test
    void garbageThatMatchesItsChecksumIsStillRefused() throws IOException {
        trained.save(folder);
        byte[] garbage = "not a DJL parameter file at all".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve(AttentionModelFiles.PARAMETERS), garbage);
        rewriteDescriptor(d -> d.replaceAll(
                "\"parametersSha256\" : \"[0-9a-f]+\"",
                "\"parametersSha256\" : \"" + AttentionModelFiles.sha256(garbage) + "\""));
        assertRefused("cannot be read");
    }

    @Test
    void parametersOfOtherSizesThanTheDescriptorSaysAreRefused() throws IOException {
        trained.save(folder);
        rewriteDescriptor(d -> d.replace("\"hiddenSize\" : 32", "\"hiddenSize\" : 8"));
        assertRefused("parameter hiddenWeight has shape (17, 32), the descriptor's shape and sizes need (17, 8)");
    }

    @Test
    void aCorruptOrMissingDescriptorIsRefused() throws IOException {
        trained.save(folder);
        rewriteDescriptor(d -> d.substring(0, d.length() / 2));
        assertRefused("is not a valid model descriptor");

        trained.save(folder);
        rewriteDescriptor(d -> d.replace("magpie-attention-fusion", "something-else"));
        assertRefused("is not a magpie-attention-fusion version 1 descriptor");

        trained.save(folder);
        rewriteDescriptor(d -> d.replace("\"sources\" : 2", "\"sources\" : -2"));
        assertRefused("is not a valid model descriptor");

        Files.delete(folder.resolve(AttentionModelFiles.DESCRIPTOR));
        assertRefused("no attention-model.json");
    }

    @Test
    void aModelForAnotherShapeOrFeatureSchemaIsRefused() throws IOException {
        trained.save(folder);
        AttentionModelRefusedException shape = assertThrows(
                AttentionModelRefusedException.class,
                () -> AttentionFusionModel.load(folder, new AttentionShape(3, 2, 1, 2), SyntheticLists.SCHEMA));
        assertTrue(shape.getMessage().contains("reads inputs of shape"), shape.getMessage());
        AttentionModelRefusedException schema = assertThrows(
                AttentionModelRefusedException.class,
                () -> AttentionFusionModel.load(folder, SyntheticLists.SHAPE, new FeatureSchemaId("synthetic", "2")));
        assertTrue(
                schema.getMessage().contains("feature schema synthetic@1, the service computes synthetic@2"),
                schema.getMessage());
        assertEquals(409, schema.status());
        assertEquals(409, shape.status());
    }

    private void rewriteDescriptor(java.util.function.UnaryOperator<String> change) throws IOException {
        Path descriptor = folder.resolve(AttentionModelFiles.DESCRIPTOR);
        String before = Files.readString(descriptor);
        String after = change.apply(before);
        assertTrue(!after.equals(before), "the change applies");
        Files.writeString(descriptor, after);
    }

    private void assertRefused(String reason) {
        AttentionModelRefusedException refused = assertThrows(
                AttentionModelRefusedException.class,
                () -> AttentionFusionModel.load(folder, SyntheticLists.SHAPE, SyntheticLists.SCHEMA));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
        assertEquals(422, refused.status());
    }
}
