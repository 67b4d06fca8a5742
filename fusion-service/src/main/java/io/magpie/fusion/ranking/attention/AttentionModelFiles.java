package io.magpie.fusion.ranking.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model on disk: {@value #PARAMETERS} (DJL's parameter encoding of the block) and {@value #DESCRIPTOR}
 * ({@link AttentionModelDescriptor}, with the parameter file's SHA-256). Loading refuses, with
 * {@link AttentionModelRefusedException}, anything it cannot vouch for: a shape or feature schema other than the
 * serving one (409); a missing or unreadable descriptor, another format, a parameter file whose checksum differs,
 * parameters of the wrong shape or with non-finite values (422).
 */
public final class AttentionModelFiles {

    public static final String DESCRIPTOR = "attention-model.json";
    public static final String PARAMETERS = "attention-model.params";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AttentionModelFiles() {}

    static void save(AttentionFusionModel model, Path folder) throws IOException {
        Files.createDirectories(folder);
        ByteArrayOutputStream parameters = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(parameters)) {
            model.block().saveParameters(out);
        }
        byte[] bytes = parameters.toByteArray();
        AttentionModelDescriptor descriptor = new AttentionModelDescriptor(
                AttentionModelDescriptor.FORMAT,
                AttentionModelDescriptor.FORMAT_VERSION,
                model.shape(),
                model.featureSchema(),
                model.hyperParameters(),
                model.metrics().orElse(null),
                sha256(bytes));
        // Parameters first, descriptor last, each written aside and moved: a reader never sees a descriptor
        // without the parameters it describes.
        writeAtomically(folder.resolve(PARAMETERS), bytes);
        writeAtomically(folder.resolve(DESCRIPTOR), JSON.writeValueAsBytes(descriptor));
    }

    static AttentionFusionModel load(Path folder, AttentionShape expectedShape, FeatureSchemaId expectedSchema) {
        AttentionModelDescriptor descriptor = readDescriptor(folder.resolve(DESCRIPTOR));
        if (!expectedShape.equals(descriptor.shape())) {
            throw AttentionModelRefusedException.mismatch("model in " + folder.getFileName() + " reads inputs of shape "
                    + descriptor.shape() + ", the service gives " + expectedShape);
        }
        if (!expectedSchema.equals(descriptor.featureSchema())) {
            throw AttentionModelRefusedException.mismatch("model in " + folder.getFileName()
                    + " was trained on feature schema " + descriptor.featureSchema() + ", the service computes "
                    + expectedSchema);
        }
        byte[] bytes = readParameters(folder.resolve(PARAMETERS));
        if (!sha256(bytes).equals(descriptor.parametersSha256())) {
            throw AttentionModelRefusedException.corrupt("parameter file " + PARAMETERS + " does not match the checksum"
                    + " in " + DESCRIPTOR + ": corrupt or replaced");
        }
        AttentionFusionBlock block = new AttentionFusionBlock(
                descriptor.shape(), descriptor.hyperParameters(), InputStandardisation.identity(descriptor.shape()));
        Map<String, Shape> expectedShapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
            expectedShapes.put(parameter.getKey(), parameter.getValue().getShape());
        }
        NDManager manager = AttentionFusionModel.newManager();
        try {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                block.loadParameters(manager, in);
                if (in.available() > 0) {
                    throw AttentionModelRefusedException.corrupt(
                            "parameter file has " + in.available() + " bytes after the last parameter");
                }
            }
            for (Pair<String, Parameter> parameter : block.getDirectParameters()) {
                checkParameter(parameter.getKey(), parameter.getValue(), expectedShapes.get(parameter.getKey()));
            }
            return new AttentionFusionModel(
                    manager, block, descriptor.featureSchema(), descriptor.hyperParameters(), descriptor.metrics());
        } catch (AttentionModelRefusedException e) {
            manager.close();
            throw e;
        } catch (Exception e) {
            // DJL reports bad encodings as IOException, MalformedModelException or runtime exceptions.
            manager.close();
            throw AttentionModelRefusedException.corrupt("parameter file " + PARAMETERS + " cannot be read", e);
        }
    }

    private static AttentionModelDescriptor readDescriptor(Path file) {
        AttentionModelDescriptor descriptor;
        try {
            descriptor = JSON.readValue(Files.readAllBytes(file), AttentionModelDescriptor.class);
        } catch (NoSuchFileException e) {
            throw AttentionModelRefusedException.corrupt("no " + DESCRIPTOR + " in " + file.getParent());
        } catch (IOException | RuntimeException e) {
            throw AttentionModelRefusedException.corrupt(DESCRIPTOR + " is not a valid model descriptor", e);
        }
        if (descriptor == null
                || !AttentionModelDescriptor.FORMAT.equals(descriptor.format())
                || descriptor.formatVersion() != AttentionModelDescriptor.FORMAT_VERSION) {
            throw AttentionModelRefusedException.corrupt(DESCRIPTOR + " is not a " + AttentionModelDescriptor.FORMAT
                    + " version " + AttentionModelDescriptor.FORMAT_VERSION + " descriptor");
        }
        if (descriptor.shape() == null
                || descriptor.featureSchema() == null
                || descriptor.hyperParameters() == null
                || descriptor.parametersSha256() == null) {
            throw AttentionModelRefusedException.corrupt(
                    DESCRIPTOR + " lacks shape, featureSchema, hyperParameters or parametersSha256");
        }
        return descriptor;
    }

    private static byte[] readParameters(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw AttentionModelRefusedException.corrupt("cannot read " + PARAMETERS, e);
        }
    }

    private static void checkParameter(String name, Parameter parameter, Shape expected) {
        if (!parameter.isInitialized()) {
            throw AttentionModelRefusedException.corrupt("parameter " + name + " is missing from " + PARAMETERS);
        }
        NDArray array = parameter.getArray();
        if (!array.getShape().equals(expected)) {
            throw AttentionModelRefusedException.corrupt("parameter " + name + " has shape " + array.getShape()
                    + ", the descriptor's shape and sizes need " + expected);
        }
        for (float value : array.toFloatArray()) {
            if (!Float.isFinite(value)) {
                throw AttentionModelRefusedException.corrupt("parameter " + name + " holds " + value);
            }
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path aside = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(aside, bytes);
        Files.move(aside, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
