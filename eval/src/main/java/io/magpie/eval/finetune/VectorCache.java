package io.magpie.eval.finetune;

import io.magpie.api.model.ModelRef;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Vectors of a list of texts under one model version, kept on disk so that a re-run does not pay for encoding
 * the catalogue again (about 200 s per version on 2 cores). A file is named by model, kind and a hash of the
 * texts, so it is only reused for exactly the same texts.
 */
final class VectorCache {

    /** How to encode one batch of texts. */
    @FunctionalInterface
    interface Encoder {
        float[][] encode(List<String> texts) throws Exception;
    }

    private final Path dir;

    VectorCache(Path dir) {
        this.dir = dir;
    }

    /**
     * @param onBatch told the number of texts done after each batch that had to be encoded
     * @return one vector per text, in order
     */
    float[][] vectors(
            ModelRef model, String kind, List<String> texts, int batchSize, Encoder encoder, IntConsumer onBatch)
            throws Exception {
        Path file = dir.resolve(model.name() + "_" + model.version() + "." + kind + "." + hash(texts) + ".f32");
        if (Files.isRegularFile(file)) {
            float[][] cached = read(file);
            if (cached.length == texts.size()) {
                return cached;
            }
        }
        float[][] vectors = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = texts.subList(from, Math.min(from + batchSize, texts.size()));
            float[][] encoded = encoder.encode(batch);
            System.arraycopy(encoded, 0, vectors, from, encoded.length);
            onBatch.accept(from + batch.size());
        }
        write(file, vectors);
        return vectors;
    }

    private static float[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int rows = in.readInt();
            int dim = in.readInt();
            float[][] vectors = new float[rows][dim];
            for (float[] row : vectors) {
                for (int d = 0; d < dim; d++) {
                    row[d] = in.readFloat();
                }
            }
            return vectors;
        }
    }

    private static void write(Path file, float[][] vectors) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(vectors.length);
            out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
            for (float[] row : vectors) {
                for (float value : row) {
                    out.writeFloat(value);
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String text : texts) {
                digest.update(text.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
