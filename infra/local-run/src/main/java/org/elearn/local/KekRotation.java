package org.elearn.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;

/**
 * Rotates the local key-encryption key: the current KEK becomes a retired one, a new KEK becomes
 * current, every data key is re-wrapped under it (events are not touched), and the retired KEK files
 * are deleted once nothing is wrapped by them any more. Safe to run again after an interruption:
 * retired files stay until the re-wrap has completed.
 */
final class KekRotation {

    private KekRotation() {
    }

    /** @return how many data keys were re-wrapped */
    static int rotate(DataSource dataSource, Path secrets) {
        Path current = LocalKeks.ensureCurrent(secrets);
        Path retired = LocalKeks.directory(secrets).resolve("retired-" + Instant.now().toEpochMilli() + ".key");
        try {
            Files.move(current, retired);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot retire the current key-encryption key", e);
        }
        LocalKeks.ensureCurrent(secrets);
        int rewrapped = rewrap(dataSource, secrets);
        for (Path file : LocalKeks.retiredFiles(secrets)) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("re-wrapped, but could not delete retired key " + file, e);
            }
        }
        return rewrapped;
    }

    /** Re-wraps every data key under the current KEK, using the retired ones to unwrap. */
    static int rewrap(DataSource dataSource, Path secrets) {
        List<String> keys = new ArrayList<>();
        keys.add(read(LocalKeks.ensureCurrent(secrets)));
        LocalKeks.retiredFiles(secrets).forEach(file -> keys.add(read(file)));
        JdbcKeyVault vault = new JdbcKeyVault(dataSource, new LocalKeyEncryptionKeys(keys), Duration.ofSeconds(1), 1);
        return vault.rewrapAll();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
