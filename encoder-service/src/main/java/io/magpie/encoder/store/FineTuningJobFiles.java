package io.magpie.encoder.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.magpie.api.encoder.FineTuningJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Fine-tuning job records, one small JSON file each in {@code <model-dir>/.jobs/<id>.json}: the model directory
 * is the volume every replica mounts, so every replica lists and reads every job. A record is written to a file
 * of its own and moved over the old one, so a reader never sees half a record.
 */
public final class FineTuningJobFiles {

    private static final Logger LOG = Logger.getLogger(FineTuningJobFiles.class);
    private static final String SUFFIX = ".json";

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Path dir;

    /** The records under {@code modelDir}; its {@code .jobs} folder is no model name (those start with a letter). */
    public FineTuningJobFiles(Path modelDir) {
        this.dir = modelDir.resolve(".jobs");
    }

    /** The folder of the records, which also holds the cluster-wide lock ({@link JobLockFile}). */
    public Path dir() {
        return dir;
    }

    public void write(FineTuningJob job) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.replace(dir.resolve(job.id() + SUFFIX), file -> JSON.writeValue(file.toFile(), job));
    }

    /** The record of job {@code id}; empty for an unknown id or one that cannot name a record. */
    public Optional<FineTuningJob> read(String id) throws IOException {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
            return Optional.empty();
        }
        Path file = dir.resolve(id + SUFFIX);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file.toFile(), FineTuningJob.class));
    }

    /** Every readable record, newest first; an unreadable one is skipped with a warning. */
    public List<FineTuningJob> all() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<FineTuningJob> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)
                            && !f.getFileName().toString().startsWith("."))
                    .toList()) {
                try {
                    jobs.add(JSON.readValue(file.toFile(), FineTuningJob.class));
                } catch (IOException e) {
                    LOG.warnf("skipping the job record %s: %s", file, e.getMessage());
                }
            }
        }
        jobs.sort(Comparator.comparing(FineTuningJob::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return jobs;
    }
}
