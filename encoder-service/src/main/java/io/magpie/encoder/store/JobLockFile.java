package io.magpie.encoder.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One fine-tuning job at a time over every replica: a job runs only while its replica holds
 * {@code .jobs/running.lock}, made with an atomic create (which fails when the file exists) and holding the job
 * id, the replica and a heartbeat the replica refreshes. A lock whose heartbeat is older than the stale-after is
 * a dead replica's, and may be taken over.
 */
public final class JobLockFile {

    /** Who holds the lock. */
    public record Holder(String jobId, String replica, Instant heartbeat) {

        public boolean staleAt(Instant now, Duration staleAfter) {
            return heartbeat.plus(staleAfter).isBefore(now);
        }
    }

    private final Path dir;
    private final Path file;

    public JobLockFile(Path jobsDir) {
        this.dir = jobsDir;
        this.file = jobsDir.resolve("running.lock");
    }

    /** Takes the lock for {@code holder}; when another holds it, leaves it and returns that holder. */
    public Optional<Holder> tryAcquire(Holder holder) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            Optional<Holder> current = holder();
            return current.isPresent() ? current : tryAcquire(holder); // released meanwhile: try again
        }
        replace(holder);
        return Optional.empty();
    }

    /**
     * Who holds the lock, if anyone. A lock just created and not yet written counts as held by an unknown job
     * with a heartbeat of the file's modification time.
     */
    public Optional<Holder> holder() throws IOException {
        return holderIn(file);
    }

    /**
     * Refreshes the heartbeat of {@code holder}'s job; false when the lock is no longer that job's (taken over
     * after its heartbeat went stale, or removed).
     */
    public boolean refresh(Holder holder) throws IOException {
        Optional<Holder> current = holder();
        if (current.isEmpty() || !current.get().jobId().equals(holder.jobId())) {
            return false;
        }
        replace(holder);
        return true;
    }

    /** Removes the lock if {@code jobId}'s job holds it. */
    public void release(String jobId) throws IOException {
        Optional<Holder> current = holder();
        if (current.isPresent() && current.get().jobId().equals(jobId)) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Removes {@code stale}, the lock as read and judged stale, unless it changed meanwhile: it is first moved
     * aside (atomic, so of two replicas taking over only one gets it) and put back when it is no longer the one
     * judged stale. True when it was removed.
     */
    public boolean breakStale(Holder stale) throws IOException {
        Path aside = dir.resolve(".running.lock-" + UUID.randomUUID() + ".stale");
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return false;
        }
        Optional<Holder> moved = holderIn(aside);
        if (moved.isPresent() && moved.get().equals(stale)) {
            Files.delete(aside);
            return true;
        }
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE); // refreshed meanwhile: its holder is alive
        return false;
    }

    private static Optional<Holder> holderIn(Path path) throws IOException {
        try {
            String text = Files.readString(path);
            if (!text.isBlank()) {
                try {
                    return Optional.of(FineTuningJobFiles.JSON.readValue(text, Holder.class));
                } catch (IOException torn) {
                    // not written yet: fall through to the file's time
                }
            }
            return Optional.of(
                    new Holder("?", "?", Files.getLastModifiedTime(path).toInstant()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes the holder to a file of its own and moves it over the lock, so no reader sees half of it. */
    private void replace(Holder holder) throws IOException {
        AtomicFiles.replace(file, written -> FineTuningJobFiles.JSON.writeValue(written.toFile(), holder));
    }
}
