package org.elearn.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local run per embedded data directory, and no server left behind by an earlier one reused
 * unnoticed.
 *
 * <p>A run holds a lock on {@code pgdata.lock} beside the data directory for as long as its JVM
 * lives; the system releases it when the JVM ends, {@code kill -9} included, while the server that
 * {@code pg_ctl} started detached keeps running. So a live server named by the data directory's
 * {@code postmaster.pid} while that lock is free was left behind by a run that was killed: an orphan.
 * The run refuses to start on it, naming its process, unless {@code LEARNING_STOP_ORPHANED_DATABASE=true}
 * says to stop it (fast shutdown, as {@code pg_ctl stop -m fast}) first. Only the server of this run's
 * own data directory is ever stopped: never one that merely holds the port, never a live run's.
 */
final class DataDirectoryClaim implements AutoCloseable {

    static final String STOP_ORPHAN = "LEARNING_STOP_ORPHANED_DATABASE";
    private static final Logger log = LoggerFactory.getLogger(DataDirectoryClaim.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final Path lockFile;
    private FileChannel channel; // kept reachable: a collected channel is closed, and its lock released
    private FileLock lock;

    private DataDirectoryClaim(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        this.lockFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
    }

    /**
     * Before anything else starts: refuses while another live run uses the data directory, and while
     * an orphaned server runs from it unless told to stop that. A data directory not created yet is
     * not locked here, so a refused first start leaves nothing behind; {@link #hold()} locks it.
     */
    static DataDirectoryClaim check(Path dataDirectory, boolean stopOrphan) throws IOException, InterruptedException {
        DataDirectoryClaim claim = new DataDirectoryClaim(dataDirectory);
        if (!Files.isDirectory(dataDirectory)) {
            return claim;
        }
        claim.hold();
        try {
            Optional<Postmaster.PidFile> orphan = Postmaster.pidFile(dataDirectory)
                    .filter(server -> Postmaster.running(server.pid()) && Postmaster.isPostgres(server.pid()))
                    .filter(server -> LocalRun.sameDirectory(Path.of(server.dataDirectory()), dataDirectory));
            if (orphan.isPresent()) {
                claim.stopOrphan(orphan.get(), stopOrphan);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            claim.close();
            throw e;
        }
        return claim;
    }

    private void stopOrphan(Postmaster.PidFile orphan, boolean told) throws IOException, InterruptedException {
        String server = "the embedded PostgreSQL of an earlier local run (pid " + orphan.pid() + ", port "
                + orphan.port() + ") is still running from " + dataDirectory;
        if (!told) {
            throw new LocalPorts.StartRefused(server + ", left behind when that run was killed; stop it with "
                    + "`kill -INT " + orphan.pid() + "`, or start with " + STOP_ORPHAN + "=true to have this run "
                    + "stop it first");
        }
        log.warn("{}, left behind when that run was killed; stopping it (fast shutdown) as {}=true asks",
                server, STOP_ORPHAN);
        if (!Postmaster.stopFast(orphan.pid(), STOP_TIMEOUT)) {
            throw new LocalPorts.StartRefused(server + " and did not stop within " + STOP_TIMEOUT.toSeconds()
                    + " s of a fast shutdown; stop it with `kill -INT " + orphan.pid() + "` and start again");
        }
        log.warn("stopped the orphaned embedded PostgreSQL (pid {}); this run starts its own", orphan.pid());
    }

    /** Locks the data directory until the JVM ends (or {@link #close()}), creating its parent if need be. */
    void hold() throws IOException {
        if (lock != null) {
            return;
        }
        Files.createDirectories(lockFile.getParent());
        FileChannel opened = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock acquired = opened.tryLock();
        if (acquired == null) {
            String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            opened.close();
            throw new LocalPorts.StartRefused("another local run" + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + " is using " + dataDirectory + "; stop it, or give this run its own LEARNING_HOME and ports");
        }
        opened.truncate(0);
        opened.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel = opened;
        lock = acquired;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close(); // releases the lock
            channel = null;
            lock = null;
        }
    }
}
