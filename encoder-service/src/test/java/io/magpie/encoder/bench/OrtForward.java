package io.magpie.encoder.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.magpie.encoder.model.TokenizedText;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** ONNX Runtime on the same padded batch as the DJL pass, with the same mean pooling and normalisation (in Java). */
record OrtForward(OrtEnvironment environment, OrtSession session) {
    float[][] embed(List<TokenizedText> batch) throws OrtException {
        int rows = batch.size();
        int width = batch.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        for (int row = 0; row < rows; row++) {
            long[] text = batch.get(row).ids();
            System.arraycopy(text, 0, ids, row * width, text.length);
            Arrays.fill(mask, row * width, row * width + text.length, 1L);
        }
        long[] shape = {rows, width};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                OnnxTensor typeTensor =
                        OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * width]), shape);
                OrtSession.Result result = session.run(
                        Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor))) {
            float[][][] hidden = (float[][][]) result.get(0).getValue();
            float[][] vectors = new float[rows][];
            for (int row = 0; row < rows; row++) {
                int length = batch.get(row).length();
                float[] sum = new float[hidden[row][0].length];
                for (int t = 0; t < length; t++) {
                    for (int d = 0; d < sum.length; d++) {
                        sum[d] += hidden[row][t][d];
                    }
                }
                double norm = 0;
                for (float v : sum) {
                    norm += (double) v * v;
                }
                float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                for (int d = 0; d < sum.length; d++) {
                    sum[d] *= scale;
                }
                vectors[row] = sum;
            }
            return vectors;
        }
    }
}
