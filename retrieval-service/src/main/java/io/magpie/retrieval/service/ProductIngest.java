package io.magpie.retrieval.service;

import io.magpie.api.catalog.IngestResult;
import io.magpie.api.catalog.Product;
import io.magpie.api.problem.Problem;
import io.magpie.api.problem.ProblemException;
import io.magpie.retrieval.config.RetrievalConfig;
import io.magpie.retrieval.indexing.OutboxWorker;
import io.magpie.retrieval.store.EventLoopRunner;
import io.magpie.retrieval.store.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Bulk upsert of an NDJSON product stream: reads line by line, refuses bad lines with their number and keeps the
 * good ones, and commits the good ones in batches, so memory stays flat whatever the body's size. Indexing happens
 * after the commit, through the outbox. In atomic mode the valid lines first go to a temporary file, and nothing is
 * stored unless every line is valid. Blocking: runs on a worker thread, reading the body as it arrives.
 */
@ApplicationScoped
public class ProductIngest {

    private static final Logger LOG = Logger.getLogger(ProductIngest.class);

    private final ProductLineParser parser;
    private final ProductBatchWriter writer;
    private final OutboxRepository outbox;
    private final OutboxWorker worker;
    private final EventLoopRunner eventLoop;
    private final RetrievalConfig.Ingest config;
    private final Counter acceptedLines;
    private final Counter rejectedLines;
    private final Counter changedProducts;

    public ProductIngest(
            ProductLineParser parser,
            ProductBatchWriter writer,
            OutboxRepository outbox,
            OutboxWorker worker,
            EventLoopRunner eventLoop,
            RetrievalConfig config,
            MeterRegistry registry) {
        this.parser = parser;
        this.writer = writer;
        this.outbox = outbox;
        this.worker = worker;
        this.eventLoop = eventLoop;
        this.config = config.ingest();
        this.acceptedLines = Counter.builder("magpie.ingest.lines")
                .tag("outcome", "accepted")
                .description("Product lines stored")
                .register(registry);
        this.rejectedLines = Counter.builder("magpie.ingest.lines")
                .tag("outcome", "rejected")
                .description("Product lines refused as invalid")
                .register(registry);
        this.changedProducts = Counter.builder("magpie.ingest.changed")
                .description("Products queued for indexing because they were new or changed")
                .register(registry);
    }

    /**
     * @param atomic when true, one invalid line refuses the whole body (400 listing every bad line) and nothing
     *               is stored
     */
    public IngestResult ingest(InputStream body, boolean atomic) {
        return atomic ? ingestAtomically(body) : ingestLineByLine(body);
    }

    private IngestResult ingestLineByLine(InputStream body) {
        long started = System.nanoTime();
        Batches batches = new Batches();
        Tally tally = read(body, batches::add, "the %d valid lines before were stored");
        batches.flush();
        return finish(tally, batches.changed, started);
    }

    /** Validates the whole body into a temporary file first, then stores it from there. */
    private IngestResult ingestAtomically(InputStream body) {
        long started = System.nanoTime();
        Path staged = null;
        try {
            staged = Files.createTempFile("magpie-ingest-", ".ndjson");
            Tally tally;
            try (OutputStream out = Files.newOutputStream(staged)) {
                tally = read(body, (product, line) -> stage(out, line), "nothing was stored");
            }
            if (tally.rejected > 0) {
                throw new ProblemException(
                        400,
                        "Invalid lines",
                        tally.rejected + " of " + tally.lines
                                + " lines are invalid and the ingest is atomic: nothing was stored",
                        tally.errors);
            }
            Batches batches = new Batches();
            try (InputStream in = Files.newInputStream(staged)) {
                read(in, batches::add, "the %d valid lines before were stored");
            }
            batches.flush();
            return finish(tally, batches.changed, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the ingest body in a temporary file", e);
        } finally {
            if (staged != null) {
                try {
                    Files.deleteIfExists(staged);
                } catch (IOException e) {
                    LOG.warnf("cannot delete %s: %s", staged, e);
                }
            }
        }
    }

    private static void stage(OutputStream out, NdjsonReader.Line line) {
        try {
            out.write(line.text().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the ingest body in a temporary file", e);
        }
    }

    /** What reading a body found. */
    private static final class Tally {
        long lines;
        long accepted;
        long rejected;
        final List<Problem.FieldError> errors = new ArrayList<>();
    }

    /** Receives each valid line. */
    private interface ValidLine {
        void accept(Product product, NdjsonReader.Line line);
    }

    private Tally read(InputStream body, ValidLine valid, String storedSoFar) {
        NdjsonReader reader = new NdjsonReader(body, config.maxLineBytes());
        Tally tally = new Tally();
        NdjsonReader.Line line;
        while ((line = next(reader, tally.accepted, storedSoFar)) != null) {
            if (line.isBlank()) {
                continue;
            }
            tally.lines++;
            ProductLineParser.Parsed parsed = parser.parse(line);
            if (!parsed.accepted()) {
                tally.rejected++;
                rejectedLines.increment();
                parsed.errors().stream()
                        .limit(Math.max(0, config.maxReportedErrors() - tally.errors.size()))
                        .forEach(tally.errors::add);
                continue;
            }
            tally.accepted++;
            valid.accept(parsed.product(), line);
        }
        if (tally.lines == 0) {
            throw ProblemException.badRequest("the body holds no product lines; send one Product JSON object per line");
        }
        return tally;
    }

    private IngestResult finish(Tally tally, long changed, long started) {
        long pending = eventLoop.await(outbox::backlog, config.batchTimeout()).pending();
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.infof(
                "ingest: %d lines, %d accepted (%d changed), %d rejected in %.1f s (%.0f lines/s); %d changes "
                        + "wait for indexing",
                tally.lines,
                tally.accepted,
                changed,
                tally.rejected,
                seconds,
                tally.lines / Math.max(seconds, 1e-9),
                pending);
        return new IngestResult(tally.accepted, tally.rejected, List.copyOf(tally.errors), changed, pending);
    }

    private static NdjsonReader.Line next(NdjsonReader reader, long acceptedBefore, String storedSoFar) {
        try {
            return reader.next();
        } catch (UncheckedIOException e) {
            // the client went away or the connection broke mid-body
            LOG.warnf("ingest body unreadable after %d valid lines: %s", acceptedBefore, e.getCause());
            throw new ProblemException(
                    400,
                    "Unreadable body",
                    "the request body could not be read to its end; " + String.format(storedSoFar, acceptedBefore)
                            + "; re-sending the body is safe (upserts)");
        }
    }

    /** Valid products gathered into batches and committed one batch at a time. */
    private final class Batches {

        // a batch keeps the last line of each id: the upsert needs distinct ids
        private final Map<String, Product> batch = new LinkedHashMap<>();
        private int lines;
        private long committed;
        private long changed;

        void add(Product product, NdjsonReader.Line line) {
            batch.remove(product.id());
            batch.put(product.id(), product);
            lines++;
            if (lines >= config.batchSize()) {
                flush();
            }
        }

        void flush() {
            if (lines == 0) {
                return;
            }
            int written;
            try {
                written = writer.write(List.copyOf(batch.values()));
            } catch (ProblemException e) {
                // keeps the status and Retry-After of the failure (a database restart is a 503 to retry)
                throw e.withDetail(e.getMessage() + "; the " + committed
                        + " valid lines before this batch were stored; re-sending the body is safe (upserts)");
            }
            changed += written;
            changedProducts.increment(written);
            acceptedLines.increment(lines);
            committed += lines;
            lines = 0;
            batch.clear();
            if (written > 0) {
                worker.wake();
            }
        }
    }
}
