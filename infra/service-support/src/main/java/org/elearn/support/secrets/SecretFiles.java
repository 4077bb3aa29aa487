package org.elearn.support.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads a secret file, creating it (owner-only) on first use. Shared by both services: each keeps
 * its own secrets (JWT and HMAC keys on the command side, the audit signing key on the query side)
 * in {@code learning.secrets.dir}.
 */
public final class SecretFiles {

    private SecretFiles() {
    }

    public static String readOrCreate(Path dir, String name, Supplier<String> generator) {
        Path file = dir.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dir);
                try {
                    Files.writeString(file, generator.get(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                    restrict(file);
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first; use theirs
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret " + file, e);
        }
    }

    /**
     * Writes each missing file of {@code files} into {@code dir} (owner-only) and keeps every file
     * that exists: a side's {@code generate-secrets} mode, run once before a first deployment whose
     * secrets are mounted read-only. Prints each file's name and whether it was made or kept,
     * never its content.
     */
    public static void generateMissing(Path dir, Map<String, Supplier<String>> files) {
        files.forEach((name, generator) -> {
            boolean existed = Files.exists(dir.resolve(name));
            readOrCreate(dir, name, generator);
            System.out.println((existed ? "kept " : "made ") + dir.resolve(name));
        });
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file systems keep their defaults
        }
    }
}
