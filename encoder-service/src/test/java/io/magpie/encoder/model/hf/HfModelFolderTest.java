package io.magpie.encoder.model.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.magpie.encoder.model.BertCheckpoint;
import io.magpie.encoder.model.ModelSpec;
import io.magpie.encoder.model.Pooling;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TorchRuntime;
import io.magpie.encoder.model.WeightTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in MiniLM written out as a Hugging Face folder and read back gives the very same vectors. */
class HfModelFolderTest {

    private static final List<String> TEXTS =
            List.of("paper towels", "Stainless steel insulated water bottle with a leak-proof lid", "a");

    @TempDir
    static Path dir;

    private static Engine engine;
    private static SentenceEncoder builtIn;
    private static Path folder;
    private static ModelDescriptor written;

    @BeforeAll
    static void writeMiniLmAsAFolder() throws IOException {
        engine = TorchRuntime.start(true, Optional.empty(), 2);
        builtIn = SentenceEncoder.load(ModelSpec.ALL_MINILM_L6_V2, engine);
        folder = dir.resolve("all-minilm-l6-v2").resolve("2");
        written = ModelSpec.ALL_MINILM_L6_V2
                .descriptor()
                .withVersion(
                        "2",
                        Instant.parse("2026-11-28T12:00:00Z"),
                        "all-minilm-l6-v2@1",
                        HfModelFolder.JSON.createObjectNode().put("epochs", 3));
        try (NDManager manager = engine.newBaseManager()) {
            BertCheckpoint checkpoint = ModelSpec.ALL_MINILM_L6_V2.read(manager);
            HfModelFolder.write(
                    folder,
                    new BertCheckpoint(
                            checkpoint.config(), checkpoint.parameters(), checkpoint.tokenizerJson(), written));
        }
    }

    @AfterAll
    static void close() {
        builtIn.close();
    }

    @Test
    void aWrittenFolderEncodesExactlyLikeTheModelItCameFrom() throws IOException {
        try (SentenceEncoder reloaded = SentenceEncoder.load(folder, engine)) {
            assertEquals(written, reloaded.descriptor());
            float[][] expected = builtIn.embed(builtIn.tokenize(TEXTS));
            float[][] actual = reloaded.embed(reloaded.tokenize(TEXTS));
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(expected[i], actual[i], 1e-6f, TEXTS.get(i));
            }
        }
    }

    @Test
    void theFolderIsAStandardHuggingFaceAndSentenceTransformersFolder() throws IOException {
        Map<String, WeightTensor> tensors = SafeTensors.read(folder.resolve(HfModelFolder.WEIGHTS));
        assertEquals(5 + 6 * 16, tensors.size());
        // PyTorch keeps Linear weights [out, in].
        assertArrayEquals(
                new long[] {1536, 384},
                tensors.get("encoder.layer.0.intermediate.dense.weight").shape());
        assertArrayEquals(
                new long[] {384, 1536},
                tensors.get("encoder.layer.5.output.dense.weight").shape());
        assertArrayEquals(
                new long[] {30522, 384},
                tensors.get("embeddings.word_embeddings.weight").shape());

        JsonNode config =
                HfModelFolder.JSON.readTree(folder.resolve("config.json").toFile());
        assertEquals(384, config.get("hidden_size").asInt());
        assertEquals(6, config.get("num_hidden_layers").asInt());
        assertEquals(12, config.get("num_attention_heads").asInt());
        assertEquals(1536, config.get("intermediate_size").asInt());
        assertEquals(512, config.get("max_position_embeddings").asInt());
        assertTrue(Files.isRegularFile(folder.resolve("tokenizer.json")));

        ModelDescriptor described = HfModelFolder.describe(folder, "x", "1");
        assertEquals(Pooling.MEAN, described.pooling());
        assertTrue(described.normalize());
        assertEquals(256, described.maxTokens());

        JsonNode descriptor =
                HfModelFolder.JSON.readTree(folder.resolve("magpie-model.json").toFile());
        assertEquals("mean", descriptor.get("pooling").asText());
        assertEquals("2026-11-28T12:00:00Z", descriptor.get("createdAt").asText());
        assertEquals(3, descriptor.get("training").get("epochs").asInt());
    }

    @Test
    void acceptsTensorNamesWithTheBertPrefixAndWithoutADescriptor() throws IOException {
        Path copy = copyOfFolder("prefixed");
        Map<String, WeightTensor> prefixed = new LinkedHashMap<>();
        SafeTensors.read(copy.resolve(HfModelFolder.WEIGHTS))
                .forEach((name, tensor) ->
                        prefixed.put("bert." + name, new WeightTensor("bert." + name, tensor.shape(), tensor.data())));
        SafeTensors.write(copy.resolve(HfModelFolder.WEIGHTS), prefixed, Map.of());
        Files.delete(copy.resolve(ModelDescriptor.FILE_NAME));

        try (SentenceEncoder reloaded = SentenceEncoder.load(copy, engine)) {
            assertEquals("prefixed", reloaded.descriptor().version());
            assertArrayEquals(
                    builtIn.embed(builtIn.tokenize(TEXTS))[1], reloaded.embed(reloaded.tokenize(TEXTS))[1], 1e-6f);
        }
    }

    @Test
    void aMissingTensorIsNamed() throws IOException {
        Path copy = copyOfFolder("missing");
        Map<String, WeightTensor> tensors = new LinkedHashMap<>(SafeTensors.read(copy.resolve(HfModelFolder.WEIGHTS)));
        tensors.remove("encoder.layer.3.attention.self.key.weight");
        SafeTensors.write(copy.resolve(HfModelFolder.WEIGHTS), tensors, Map.of());

        IOException e = assertThrows(IOException.class, () -> SentenceEncoder.load(copy, engine));
        assertTrue(e.getMessage().contains("encoder.layer.3.attention.self.key.weight"), e.getMessage());
    }

    @Test
    void aConfigThatDisagreesWithTheWeightsIsRefused() throws IOException {
        Path copy = copyOfFolder("wrong-config");
        Path config = copy.resolve("config.json");
        Files.writeString(
                config,
                Files.readString(config).replace("\"intermediate_size\" : 1536", "\"intermediate_size\" : 1024"));

        IOException e = assertThrows(IOException.class, () -> SentenceEncoder.load(copy, engine));
        assertTrue(e.getMessage().contains("intermediate.dense.weight"), e.getMessage());
    }

    @Test
    void aFolderIsCompleteOnlyWithItsDescriptor() throws IOException {
        assertTrue(HfModelFolder.isComplete(folder));
        Path copy = copyOfFolder("incomplete");
        Files.delete(copy.resolve(ModelDescriptor.FILE_NAME));
        assertFalse(HfModelFolder.isComplete(copy));
    }

    private static Path copyOfFolder(String version) throws IOException {
        Path copy = dir.resolve("copies").resolve(version);
        Files.createDirectories(copy);
        try (var files = Files.walk(folder)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(folder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }
}
