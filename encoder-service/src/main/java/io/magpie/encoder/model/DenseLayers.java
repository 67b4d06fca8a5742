package io.magpie.encoder.model;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import org.jboss.logging.Logger;

/** Prepares a model's dense layers for one {@link DenseKernel} and computes them. */
final class DenseLayers {

    private static final Logger LOG = Logger.getLogger(DenseLayers.class);

    /** One dense layer y = x W + b, ready to run. */
    interface Dense {
        /** @return x W + b, in the manager of {@code x} */
        NDArray apply(NDArray x);
    }

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
                case PLAIN -> throw new IllegalStateException("unreachable");
            };
        } catch (EngineException e) {
            // A PyTorch build without oneDNN or FBGEMM: the engine's own linear still gives the same vectors.
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
        PtNDArray prepared;
        try (NDArray outIn = weight.transpose()) {
            prepared = prepare.call((PtNDManager) weight.getManager(), (PtNDArray) outIn);
        }
        PtNDArray b = (PtNDArray) bias;
        return x -> linear.call((PtNDManager) x.getManager(), (PtNDArray) x, prepared, b);
    }
}
