package io.magpie.encoder.service;

import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.encoder.model.SentenceEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

/**
 * Encodes the texts of a request: validates it, takes a use of the model it names, queues its texts for the
 * micro-batcher and answers in request order. Never blocks: the caller's thread only queues.
 */
@ApplicationScoped
public class EncoderService {

    private final ModelRegistry models;
    private final EncodeRequestValidator validator;
    private final EncoderMetrics metrics;
    private final MicroBatcher batcher;

    public EncoderService(
            ModelRegistry models, EncodeRequestValidator validator, EncoderMetrics metrics, MicroBatcher batcher) {
        this.models = models;
        this.validator = validator;
        this.metrics = metrics;
        this.batcher = batcher;
    }

    public CompletionStage<EncodeResponse> encode(EncodeRequest request) {
        validator.validate(request);
        ModelRegistry.Lease lease = models.acquire(request.model());
        try {
            SentenceEncoder encoder = lease.encoder();
            List<String> texts = request.texts().stream()
                    .map(text -> encoder.prefixed(text, request.kind()))
                    .toList();
            return batcher.submit(lease.model(), texts, Lane.of(request.kind()))
                    .thenApply(encoded -> response(encoder, encoded))
                    .whenComplete((response, failure) -> lease.close());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    private EncodeResponse response(SentenceEncoder encoder, List<EncodedText> encoded) {
        List<Integer> truncated = IntStream.range(0, encoded.size())
                .filter(i -> encoded.get(i).truncated())
                .boxed()
                .toList();
        String model = encoder.descriptor().ref().toString();
        metrics.encoded(model, encoded.size(), truncated.size());
        return new EncodeResponse(
                encoder.descriptor().name(),
                encoder.descriptor().version(),
                encoder.dimension(),
                encoded.stream().map(EncodedText::vector).toList(),
                truncated);
    }
}
