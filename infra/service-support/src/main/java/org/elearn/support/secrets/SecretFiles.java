package org.elearn.support.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * The secret in {@code dir/name}, made by {@code generator} if the file does not exist yet. The
     * file appears whole and owner-only or not at all: the secret is written to a private temporary
     * file first and then linked under its name, which fails if another instance made it in the
     * meantime (that instance's secret is then used). So two instances starting at once on a
     * shared volume agree on one secret, and neither reads a half-written or empty file.
     */
    public static String readOrCreate(Path dir, String name, Supplier<String> generator) {
        Path file = dir.resolve(name);
        try {
            if (!Files.exists(file)) {
                create(dir, file, generator.get());
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create secret " + file, e);
        }
    }

    private static void create(Path dir, Path file, String secret) throws IOException {
        Files.createDirectories(dir);
        Path draft = Files.createTempFile(dir, "." + file.getFileName(), ".new"); // owner-only on POSIX
        try {
            restrict(draft);
            Files.writeString(draft, secret, StandardCharsets.UTF_8);
            Files.createLink(file, draft); // atomic: fails when the name exists
        } catch (FileAlreadyExistsException raced) {
            // another instance made it first; use theirs
        } catch (UnsupportedOperationException noHardLinks) {
            moveUnlessExists(draft, file);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    /** Where the file system has no hard links: a rename, which may replace a secret made a moment before. */
    private static void moveUnlessExists(Path draft, Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
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
