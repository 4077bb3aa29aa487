package org.elearn.support.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every erasure, kept outside the database, beside the KEK: a restored backup taken before an
 * erasure brings the subject's key, rows and credentials back, and this list is what takes them
 * away again. The command side records each erasure here before its transaction commits
 * (write-ahead: a committed erasure is always listed; one whose commit then failed is listed too,
 * and is carried out at the next start, as was asked), and at start re-applies every listed
 * erasure the database lacks; the query side deletes those subjects' projection rows before it
 * serves. One line per erasure, {@code <time> <subject id> <organization id or ->}, the time being
 * the erasure transaction's own ({@code now()}, which also stamps the erasure fence): ids only, no
 * personal data. Appends from several processes on one file are serialised by a file lock
 * and forced to disk before the erasure goes on.
 */
public final class ErasureLog {

    private static final Logger log = LoggerFactory.getLogger(ErasureLog.class);

    /**
     * A subject's first erasure in the log: the erasure transaction's time, and the organization it
     * was erased in.
     */
    public record Entry(UUID subjectId, UUID organizationId, Instant erasedAt) {
    }

    private final Path file;
    private final boolean required;
    private final java.util.concurrent.atomic.AtomicBoolean warned = new java.util.concurrent.atomic.AtomicBoolean();

    /** A log every erasure must be recorded in: one that cannot be written fails the erasure. */
    public ErasureLog(Path file) {
        this(file, true);
    }

    /**
     * @param required false for the default place, in the secrets directory, which a deployment may
     *                 mount read-only: there an erasure goes on unrecorded, with a warning (once), as
     *                 before the log existed, rather than failing
     */
    public ErasureLog(Path file, boolean required) {
        this.file = file;
        this.required = required;
    }

    public Path file() {
        return file;
    }

    /** Appends an erasure and forces it to disk. Blocking: call it off the event loop. */
    public void record(UUID subjectId, UUID organizationId, Instant at) {
        recordAll(List.of(new Entry(subjectId, organizationId, at)));
    }

    /**
     * Appends erasures in one write, forced to disk once. Blocking: call it off the event loop.
     *
     * @return false where a log that is not required could not be written (warned once)
     */
    public boolean recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return true;
        }
        StringBuilder lines = new StringBuilder();
        for (Entry entry : entries) {
            lines.append(entry.erasedAt()).append(' ').append(entry.subjectId()).append(' ')
                    .append(entry.organizationId() == null ? "-" : entry.organizationId()).append('\n');
        }
        byte[] line = lines.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            // a file lock excludes other processes; instances in one JVM (the local run, tests) take turns here
            synchronized (ErasureLog.class) {
                append(line);
            }
            return true;
        } catch (IOException e) {
            if (!required) {
                if (!warned.getAndSet(true)) {
                    log.warn("erasures are not recorded outside the database: {} cannot be written ({}); a restored "
                            + "backup would bring erased subjects back. Set learning.privacy.erasure-log to a "
                            + "writable file every instance shares", file, e.getClass().getSimpleName());
                }
                return false;
            }
            // the erasure must not go on unrecorded: a restore would bring the subject back
            throw new UncheckedIOException("cannot record the erasure in " + file, e);
        }
    }

    private void append(byte[] line) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
        }
    }

    /**
     * Every subject in the log, once, in the order of their first erasure. A line cut short (a
     * crash while it was written, before its erasure committed) is skipped.
     */
    public Map<UUID, Entry> read() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<UUID, Entry> entries = new LinkedHashMap<>();
        int unreadable = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] parts = line.strip().split(" ");
                try {
                    UUID subject = UUID.fromString(parts[1]);
                    entries.putIfAbsent(subject, new Entry(subject,
                            parts[2].equals("-") ? null : UUID.fromString(parts[2]),
                            Instant.parse(parts[0])));
                } catch (RuntimeException cutShort) {
                    unreadable++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure log " + file, e);
        }
        if (unreadable > 0) {
            log.warn("{} unreadable lines in the erasure log {} skipped", unreadable, file);
        }
        return Collections.unmodifiableMap(entries);
    }
}
