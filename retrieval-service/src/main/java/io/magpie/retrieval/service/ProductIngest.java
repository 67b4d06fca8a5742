package io.magpie.retrieval.service;

import io.magpie.api.catalog.IngestResult;
import io.magpie.api.catalog.Product;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.store.ProductIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Bulk upsert of an NDJSON product stream: reads line by line, refuses bad lines with their number and keeps the
 * good ones, and writes the good ones in batches, so memory stays flat whatever the body's size. Blocking: runs on
 * a worker thread, reading the body as it arrives.
 */
@ApplicationScoped
public class ProductIngest {

    private static final Logger LOG = Logger.getLogger(ProductIngest.class);

    private final ProductLineParser parser;
    private final ProductBatchWriter writer;
    private final ProductIndex index;
    private final RetrievalConfig.Ingest config;
    private final Counter acceptedLines;
    private final Counter rejectedLines;
    private final Counter indexedProducts;

    public ProductIngest(ProductLineParser parser, ProductBatchWriter writer, ProductIndex index,
                         RetrievalConfig config, MeterRegistry registry) {
        this.parser = parser;
        this.writer = writer;
        this.index = index;
        this.config = config.ingest();
        this.acceptedLines = Counter.builder("magpie.ingest.lines").tag("outcome", "accepted")
                .description("Product lines stored and indexed").register(registry);
        this.rejectedLines = Counter.builder("magpie.ingest.lines").tag("outcome", "rejected")
                .description("Product lines refused as invalid").register(registry);
        this.indexedProducts = Counter.builder("magpie.ingest.indexed")
                .description("Products encoded and indexed because they were new or changed").register(registry);
    }

    public IngestResult ingest(InputStream body) {
        long started = System.nanoTime();
        NdjsonReader reader = new NdjsonReader(body, config.maxLineBytes());
        List<Problem.FieldError> errors = new ArrayList<>();
        // a batch keeps the last line of each id: Milvus and the upsert need distinct ids
        Map<String, Product> batch = new LinkedHashMap<>();
        int batchLines = 0;
        long accepted = 0;
        long indexed = 0;
        long rejected = 0;
        long lines = 0;
        NdjsonReader.Line line;
        while ((line = next(reader, accepted)) != null) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            ProductLineParser.Parsed parsed = parser.parse(line);
            if (!parsed.accepted()) {
                rejected++;
                rejectedLines.increment();
                parsed.errors().stream().limit(Math.max(0, config.maxReportedErrors() - errors.size()))
                        .forEach(errors::add);
                continue;
            }
            batch.remove(parsed.product().id());
            batch.put(parsed.product().id(), parsed.product());
            batchLines++;
            if (batchLines >= config.batchSize()) {
                indexed += flush(batch, batchLines, accepted);
                accepted += batchLines;
                batchLines = 0;
            }
        }
        if (lines == 0) {
            throw ProblemException.badRequest("the body holds no product lines; send one Product JSON object per line");
        }
        indexed += flush(batch, batchLines, accepted);
        accepted += batchLines;
        if (indexed > 0) {
            index.seal();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof("ingest: %d lines, %d accepted, %d rejected in %.1f s (%.0f lines/s)", lines, accepted, rejected,
                seconds, lines / Math.max(seconds, 1e-9));
        return new IngestResult(accepted, rejected, List.copyOf(errors));
    }

    private static NdjsonReader.Line next(NdjsonReader reader, long acceptedBefore) {
        try {
            return reader.next();
        } catch (UncheckedIOException e) {
            // the client went away or the connection broke mid-body
            LOG.warnf("ingest body unreadable after %d stored lines: %s", acceptedBefore, e.getCause());
            throw new ProblemException(400, "Unreadable body", "the request body could not be read to its end; the "
                    + acceptedBefore + " valid lines before were stored; re-sending the body is safe (upserts)");
        }
    }

    /** Writes the batch and empties it; returns how many of its products were new or changed, so indexed. */
    private long flush(Map<String, Product> batch, int lines, long acceptedBefore) {
        if (lines == 0) {
            return 0;
        }
        int indexed;
        try {
            indexed = writer.write(List.copyOf(batch.values()));
            indexedProducts.increment(indexed);
        } catch (ProblemException e) {
            throw new ProblemException(e.status(), e.title(), e.getMessage() + "; the " + acceptedBefore
                    + " valid lines before this batch were stored; re-sending the body is safe (upserts)",
                    e.errors());
        }
        acceptedLines.increment(lines);
        batch.clear();
        return indexed;
    }
}
