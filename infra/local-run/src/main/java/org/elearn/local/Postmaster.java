package org.elearn.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded PostgreSQL's server process, found through the {@code postmaster.pid} of its data
 * directory. {@code pg_ctl} starts it detached, so it is no child of this JVM: it outlives a killed
 * launcher, and a killed server is noticed only by looking.
 */
final class Postmaster {

    /** The first lines of {@code postmaster.pid}: process id, data directory, start time, port. */
    record PidFile(long pid, String dataDirectory, int port) {
    }

    private Postmaster() {
    }

    /** The data directory's {@code postmaster.pid}, if there is one (a crashed server leaves it behind). */
    static Optional<PidFile> pidFile(Path dataDirectory) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 4 || lines.get(0).isBlank()) { // being written by a server starting right now
            return Optional.empty();
        }
        return Optional.of(new PidFile(Long.parseLong(lines.get(0).strip()), lines.get(1).strip(),
                Integer.parseInt(lines.get(3).strip())));
    }

    /**
     * Whether the process runs. A killed server whose new parent does not reap it (PID 1 of many
     * containers) stays a zombie, which {@link ProcessHandle#isAlive()} still counts as alive.
     */
    static boolean running(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat);
            // "pid (command) S ...": the state follows the last ')', as the command may hold one
            char state = line.charAt(line.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) { // gone just now, or no /proc at all (macOS)
            return !Files.isDirectory(Path.of("/proc/self"));
        }
    }

    /** Whether the process is a PostgreSQL server, as far as the system tells (it may not). */
    static boolean isPostgres(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().command())
                .map(command -> Path.of(command).getFileName().toString().startsWith("postgres"))
                .orElse(true);
    }

    /**
     * Asks the server for a fast shutdown ({@code pg_ctl stop -m fast} sends the same SIGINT: open
     * transactions roll back, clients are disconnected, the data is left clean) and waits for it.
     *
     * @return whether it stopped within the time
     */
    static boolean stopFast(long pid, Duration timeout) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).start();
        kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        kill.waitFor();
        Instant deadline = Instant.now().plus(timeout);
        while (running(pid)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * Looks every {@code interval} whether the server still runs, and calls {@code onDeath} once
     * when it does not. Closing the watch before stopping the server is the deliberate stop.
     */
    static AutoCloseable watch(long pid, Duration interval, Runnable onDeath) {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-postgres-watch");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean closed = new AtomicBoolean();
        watch.scheduleWithFixedDelay(() -> {
            if (!running(pid) && !closed.getAndSet(true)) {
                watch.shutdown();
                onDeath.run();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            closed.set(true);
            watch.shutdownNow();
        };
    }
}
