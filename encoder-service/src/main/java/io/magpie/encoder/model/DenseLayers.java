package io.magpie.encoder.model;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.IValue;
import org.jboss.logging.Logger;

/** Prepares a model's dense layers for one {@link DenseKernel} and computes them. */
final class DenseLayers {

    private static final Logger LOG = Logger.getLogger(DenseLayers.class);

    /** One dense layer y = x W + b, ready to run. */
    interface Dense {
        /** @return x W + b, in the manager of {@code x} */
        NDArray apply(NDArray x);
    }

    /** The engine's type of FBGEMM's prepacked int8 weights (with the float32 bias inside). */
    private static final String PACKED_INT8_WEIGHTS = "__torch__.torch.classes.quantized.LinearPackedParamsBase";

    private final DenseKernel kernel;
    private final TorchScriptFunction prepare;
    private final TorchScriptFunction linear;

    private DenseLayers(DenseKernel kernel, TorchScriptFunction prepare, TorchScriptFunction linear) {
        this.kernel = kernel;
        this.prepare = prepare;
        this.linear = linear;
    }

    /**
     * @param wanted  the kernel asked for; the packed kernels run on the CPU only, elsewhere the plain one runs
     * @param manager where prepared weights live: the model's parameter manager, not capped yet
     */
    static DenseLayers create(DenseKernel wanted, NDManager manager) {
        DenseKernel kernel =
                wanted.on(Device.Type.CPU.equals(manager.getDevice().getDeviceType()));
        if (kernel == DenseKernel.PLAIN) {
            return new DenseLayers(kernel, null, null);
        }
        PtNDManager torch = (PtNDManager) manager;
        try {
            return switch (kernel) {
                case PACKED ->
                    new DenseLayers(
                            kernel,
                            new TorchScriptFunction(
                                    torch,
                                    "ReorderLinearWeight",
                                    "w: Tensor",
                                    "return ops.mkldnn._reorder_linear_weight(w.contiguous(), None)"),
                            new TorchScriptFunction(
                                    torch,
                                    "PackedLinear",
                                    "x: Tensor, w: Tensor, b: Tensor",
                                    "scalars: List[Optional[number]] = []\n"
                                            + "return ops.mkldnn._linear_pointwise(x, w, b, \"none\", scalars, None)"));
                case HALF ->
                    new DenseLayers(
                            kernel,
                            new TorchScriptFunction(
                                    torch,
                                    "PackHalfLinearWeight",
                                    "w: Tensor",
                                    "return torch.fbgemm_pack_gemm_matrix_fp16(w.contiguous())"),
                            new TorchScriptFunction(
                                    torch,
                                    "HalfLinear",
                                    "x: Tensor, w: Tensor, b: Tensor",
                                    "return torch.fbgemm_linear_fp16_weight_fp32_activation(x, w, b)"));
                case INT8 ->
                    new DenseLayers(
                            kernel,
                            // Symmetric per output channel: each row's largest magnitude maps to 127. Saved
                            // TorchScript names dtypes by number: 4 is int64, 12 qint8.
                            new TorchScriptFunction(
                                    torch,
                                    "QuantizeLinearWeight",
                                    "w: Tensor, b: Tensor",
                                    PACKED_INT8_WEIGHTS,
                                    "scales = (w.abs().amax([1]) / 127.0).clamp_min(1e-12).double()\n"
                                            + "zero_points = torch.zeros([w.size(0)], dtype=4)\n"
                                            + "q = torch.quantize_per_channel(w.contiguous(), scales, zero_points, 0, 12)\n"
                                            + "return ops.quantized.linear_prepack(q, b)"),
                            // Activations on all 8 bits (reduce_range off): the 7 bits PyTorch's own dynamic
                            // quantisation uses on x86 gave cosine 0.971 to float32 on a MiniLM query, 8 bits 0.992.
                            new TorchScriptFunction(
                                    torch,
                                    "Int8DynamicLinear",
                                    "x: Tensor, w: " + PACKED_INT8_WEIGHTS,
                                    "return ops.quantized.linear_dynamic(x, w, False)"));
                case PLAIN -> throw new IllegalStateException("unreachable");
            };
        } catch (EngineException e) {
            // A PyTorch build without oneDNN, FBGEMM or its quantised operators: the engine's own linear still gives
            // the same vectors.
            LOG.warnf(
                    "dense kernel %s is not available in this PyTorch build (%s); using %s",
                    kernel, e, DenseKernel.PLAIN);
            return new DenseLayers(DenseKernel.PLAIN, null, null);
        }
    }

    /** The kernel that runs (the one asked for, unless the device or the PyTorch build does not have it). */
    DenseKernel kernel() {
        return kernel;
    }

    /**
     * @param weight [in, out], as {@link BertParameters.Linear} keeps it; not owned (the caller may close it once a
     *               packed kernel has copied it)
     */
    Dense dense(NDArray weight, NDArray bias) {
        if (kernel == DenseKernel.PLAIN) {
            NDArray outIn = weight.transpose();
            return x -> Linear.linear(x, outIn, bias).singletonOrThrow();
        }
        if (kernel == DenseKernel.INT8) {
            IValue packed;
            try (NDArray outIn = weight.transpose()) {
                packed = prepare.callForValue((PtNDArray) outIn, (PtNDArray) bias);
            }
            // Freed with the model's parameters.
            weight.getManager().attachInternal(packed.getUid(), packed);
            return x -> linear.call((PtNDManager) x.getManager(), (PtNDArray) x, packed);
        }
        PtNDArray prepared;
        try (NDArray outIn = weight.transpose()) {
            prepared = prepare.call((PtNDManager) weight.getManager(), (PtNDArray) outIn);
        }
        PtNDArray b = (PtNDArray) bias;
        return x -> linear.call((PtNDManager) x.getManager(), (PtNDArray) x, prepared, b);
    }
}
