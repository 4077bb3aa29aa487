package org.elearn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;

/**
 * The local run's key-encryption keys: {@code secrets/kek/current.key}, plus {@code retired-*.key}
 * files during a rotation. They live beside the database, not in it; a real deployment keeps its KEK
 * in a KMS or Vault behind the {@code KeyEncryptionKeys} interface.
 */
public final class LocalKeks {

    private LocalKeks() {
    }

    public static Path directory(Path secrets) {
        return secrets.resolve("kek");
    }

    /** The current KEK file, created on first start. */
    public static Path ensureCurrent(Path secrets) {
        Path current = directory(secrets).resolve("current.key");
        if (!Files.exists(current)) {
            write(current, LocalKeyEncryptionKeys.newEncodedKey());
        }
        return current;
    }

    /** Retired KEK files, oldest last; a comma-separated list for the property. */
    public static String retired(Path secrets) {
        return String.join(",", retiredFiles(secrets).stream().map(Path::toString).toList());
    }

    public static List<Path> retiredFiles(Path secrets) {
        Path dir = directory(secrets);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("retired-"))
                    .sorted((a, b) -> b.getFileName().compareTo(a.getFileName()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardOpenOption.CREATE_NEW);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
