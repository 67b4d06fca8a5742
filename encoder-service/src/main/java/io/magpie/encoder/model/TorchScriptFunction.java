package io.magpie.encoder.model;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A function of tensors written in TorchScript and compiled by the engine: the way to reach PyTorch operators that
 * DJL has no Java method for (its engine runs TorchScript modules; it cannot name an arbitrary operator). The
 * module is built in memory as the archive {@code torch.jit.save} would write for a module with one method and no
 * state (code, an empty object, no constants), so no Python or file is needed.
 */
final class TorchScriptFunction {

    private static final byte PROTOCOL = (byte) 0x80;
    private static final byte NEW_OBJECT = (byte) 0x81;
    private static final byte NEW_FALSE = (byte) 0x89;

    private final PtSymbolBlock module;

    /**
     * @param manager    owns the compiled module (it is closed with the manager)
     * @param name       a class name for the module, unique within this function's source
     * @param parameters the method's parameters, e.g. {@code "x: Tensor, w: Tensor"}
     * @param body       the method's body, one statement per line, e.g. {@code "return torch.relu(x)"}; PyTorch
     *                   operators outside {@code torch.*} are written {@code ops.namespace.name(...)}
     */
    TorchScriptFunction(PtNDManager manager, String name, String parameters, String body) {
        this(manager, name, parameters, "Tensor", body);
    }

    /**
     * A function whose result is not a tensor (e.g. an engine object such as packed quantised weights), for
     * {@link #callForValue}.
     *
     * @param result the method's TorchScript result type, e.g. {@code
     *     "__torch__.torch.classes.quantized.LinearPackedParamsBase"}
     */
    TorchScriptFunction(PtNDManager manager, String name, String parameters, String result, String body) {
        String source = "class " + name + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__." + name + ", " + parameters + ") -> " + result + ":\n"
                + body.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
        try {
            this.module = JniUtils.loadModule(manager, new ByteArrayInputStream(archive(name, source)), false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the function; the result belongs to {@code manager}. */
    PtNDArray call(PtNDManager manager, PtNDArray... arguments) {
        try (IValue result = callForValue(arguments)) {
            return result.toTensor(manager);
        }
    }

    /** Runs the function on a tensor and an engine object (as made by {@link #callForValue}); not closed here. */
    PtNDArray call(PtNDManager manager, PtNDArray tensor, IValue object) {
        try (IValue input = IValue.from(tensor);
                IValue result = module.forward(input, object)) {
            return result.toTensor(manager);
        }
    }

    /** Runs the function; the caller owns (closes) the result. */
    IValue callForValue(PtNDArray... arguments) {
        IValue[] inputs = new IValue[arguments.length];
        try {
            for (int i = 0; i < arguments.length; i++) {
                inputs[i] = IValue.from(arguments[i]);
            }
            return module.forward(inputs);
        } finally {
            for (IValue input : inputs) {
                if (input != null) {
                    input.close();
                }
            }
        }
    }

    private static byte[] archive(String name, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            entry(zip, "archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            // An empty tuple of constants, then the module object: __torch__.<name>() with {"training": False}.
            entry(zip, "archive/constants.pkl", new byte[] {PROTOCOL, 2, ')', '.'});
            entry(zip, "archive/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream pickle = new ByteArrayOutputStream();
            pickle.write(new byte[] {PROTOCOL, 2, 'c'});
            pickle.write(("__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            pickle.write(new byte[] {')', NEW_OBJECT, '}', '(', 'X', 8, 0, 0, 0});
            pickle.write("training".getBytes(StandardCharsets.US_ASCII));
            pickle.write(new byte[] {NEW_FALSE, 'u', 'b', '.'});
            entry(zip, "archive/data.pkl", pickle.toByteArray());
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
