package io.magpie.encoder.service;

import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.encoder.config.EncoderConfig;
import io.magpie.encoder.model.SentenceEncoder;
import io.magpie.encoder.model.TokenizedText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Encodes the texts of a request: validates it, tokenizes, runs the texts through the model in batches of
 * similar length, and answers in request order. Blocking; callers keep it off the event loop.
 */
@ApplicationScoped
public class EncoderService {

    private final EncoderConfig config;
    private final ModelLoader models;
    private final EncodeRequestValidator validator;
    private final EncoderMetrics metrics;
    private final ForwardPassRunner passes;

    public EncoderService(EncoderConfig config, ModelLoader models, EncodeRequestValidator validator,
                          EncoderMetrics metrics, ForwardPassRunner passes) {
        this.config = config;
        this.models = models;
        this.validator = validator;
        this.metrics = metrics;
        this.passes = passes;
    }

    public EncodeResponse encode(EncodeRequest request) {
        validator.validate(request);
        SentenceEncoder encoder = models.encoder();
        String prefix = encoder.spec().prefixFor(request.kind());
        List<String> texts = prefix.isEmpty() ? request.texts()
                : request.texts().stream().map(prefix::concat).toList();
        List<TokenizedText> tokens = encoder.tokenize(texts);

        float[][] vectors = new float[tokens.size()][];
        int[] lengths = tokens.stream().mapToInt(TokenizedText::length).toArray();
        for (int[] batch : BatchPlanner.plan(lengths, config.maxBatchSize())) {
            List<TokenizedText> batchTokens = Arrays.stream(batch).mapToObj(tokens::get).toList();
            float[][] batchVectors = passes.run(
                    () -> metrics.timeBatch(batch.length, () -> encoder.embed(batchTokens)));
            for (int row = 0; row < batch.length; row++) {
                vectors[batch[row]] = batchVectors[row];
            }
        }
        List<Integer> truncated = IntStream.range(0, tokens.size())
                .filter(i -> tokens.get(i).truncated()).boxed().toList();
        metrics.encoded(tokens.size(), truncated.size());
        return new EncodeResponse(encoder.spec().name(), encoder.spec().version(), encoder.dimension(),
                Arrays.asList(vectors), truncated);
    }
}
