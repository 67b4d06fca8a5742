package io.magpie.retrieval.client;

import io.magpie.api.encoder.EncodeRequest;
import io.magpie.api.encoder.EncodeResponse;
import io.magpie.api.encoder.EncoderClient;
import io.magpie.retrieval.config.RetrievalConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Turns product texts into vectors through encoder-service: a batch goes out in chunks, a few calls at a time (more
 * would only queue inside the encoder and stretch each call towards its read timeout), and every answer is checked
 * against the index's dimension.
 */
@ApplicationScoped
public class DocumentEncoder {

    private final EncoderClient encoder;
    private final int chunkSize;
    private final int concurrency;
    private final int dimension;

    public DocumentEncoder(@RestClient EncoderClient encoder, RetrievalConfig config) {
        this.encoder = encoder;
        this.chunkSize = config.ingest().encodeBatchSize();
        this.concurrency = config.ingest().encodeConcurrency();
        this.dimension = config.milvus().dimension();
    }

    /** One vector per text, in order. */
    public Uni<List<float[]>> encode(List<String> texts) {
        if (texts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int chunks = (texts.size() + chunkSize - 1) / chunkSize;
        float[][] vectors = new float[texts.size()][];
        return Multi.createFrom()
                .range(0, chunks)
                .onItem()
                .transformToUni(chunk -> encodeChunk(texts, chunk, vectors))
                .merge(concurrency)
                .collect()
                .last()
                .map(ignored -> Arrays.asList(vectors));
    }

    /** Encodes one chunk and puts its vectors in their places. */
    private Uni<Integer> encodeChunk(List<String> texts, int chunk, float[][] vectors) {
        int from = chunk * chunkSize;
        List<String> part = List.copyOf(texts.subList(from, Math.min(texts.size(), from + chunkSize)));
        return encoder.encode(EncodeRequest.documents(part)).map(response -> {
            List<float[]> encoded = checked(response, part.size());
            for (int i = 0; i < encoded.size(); i++) {
                vectors[from + i] = encoded.get(i);
            }
            return chunk;
        });
    }

    private List<float[]> checked(EncodeResponse response, int expected) {
        List<float[]> vectors = response.vectors();
        if (vectors == null || vectors.size() != expected) {
            throw new IllegalStateException("encoder-service returned " + (vectors == null ? 0 : vectors.size())
                    + " vectors for " + expected + " texts");
        }
        for (float[] vector : vectors) {
            if (vector == null || vector.length != dimension) {
                throw new IllegalStateException("encoder-service model " + response.model() + " returned "
                        + (vector == null ? 0 : vector.length) + "-d vectors but the index holds " + dimension
                        + "-d ones (magpie.retrieval.milvus.dimension)");
            }
        }
        return new ArrayList<>(vectors);
    }
}
