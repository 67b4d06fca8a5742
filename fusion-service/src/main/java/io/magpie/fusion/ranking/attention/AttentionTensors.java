package io.magpie.fusion.ranking.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Turns requests into the block's input tensors: sources [B, N, S, Fs], presence [B, N, S], items [B, N, Fi],
 * context [B, Fc]. Requests with fewer than N candidates are padded with absent candidates (presence 0, features
 * 0); {@link #candidateMask} tells real candidates from padding.
 */
final class AttentionTensors {

    private AttentionTensors() {}

    static NDList of(NDManager manager, AttentionShape shape, List<AttentionInput> requests) {
        int batch = requests.size();
        int n = longest(requests);
        int s = shape.sources();
        int fs = shape.perSource();
        int fi = shape.items();
        float[] sources = new float[batch * n * s * fs];
        float[] presence = new float[batch * n * s];
        float[] items = new float[batch * n * fi];
        float[] context = new float[batch * shape.context()];
        for (int b = 0; b < batch; b++) {
            AttentionInput request = requests.get(b);
            for (int i = 0; i < request.size(); i++) {
                int candidate = b * n + i;
                for (int source = 0; source < s; source++) {
                    System.arraycopy(request.sources()[i][source], 0, sources, (candidate * s + source) * fs, fs);
                    presence[candidate * s + source] = request.present()[i][source] ? 1f : 0f;
                }
                System.arraycopy(request.items()[i], 0, items, candidate * fi, fi);
            }
            System.arraycopy(request.context(), 0, context, b * shape.context(), shape.context());
        }
        return new NDList(
                manager.create(sources, new Shape(batch, n, s, fs)),
                manager.create(presence, new Shape(batch, n, s)),
                manager.create(items, new Shape(batch, n, fi)),
                manager.create(context, new Shape(batch, shape.context())));
    }

    /** 1 for a real candidate, 0 for padding: [B, N]. */
    static NDArray candidateMask(NDManager manager, List<AttentionInput> requests) {
        int n = longest(requests);
        float[] mask = new float[requests.size() * n];
        for (int b = 0; b < requests.size(); b++) {
            java.util.Arrays.fill(mask, b * n, b * n + requests.get(b).size(), 1f);
        }
        return manager.create(mask, new Shape(requests.size(), n));
    }

    static int longest(List<AttentionInput> requests) {
        return requests.stream().mapToInt(AttentionInput::size).max().orElse(0);
    }
}
