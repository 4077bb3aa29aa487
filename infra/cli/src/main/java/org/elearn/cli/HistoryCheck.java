package org.elearn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.elearn.query.audit.AuditSigningKey;
import org.elearn.query.audit.HistoryVerifier;

/**
 * {@code verify-history [from] [to]}: re-checks the sealed event history straight on the database,
 * with or without the services running, and prints the result and the speed.
 *
 * <p>Checkpoint signatures are checked with, in this order: {@code LEARNING_AUDIT_PUBLIC_KEY} (the
 * base64 X.509 key an auditor copied from {@code GET /api/audit/signing-key}), the key file of
 * {@code LEARNING_AUDIT_SIGNING_KEY_FILE}, or the local run's generated key in the secrets directory.
 */
public final class HistoryCheck {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int USAGE = 2;

    private HistoryCheck() {
    }

    /** Runs the check; answers the exit code. */
    public static int run(DataSource dataSource, Path secrets, String[] args) throws SQLException {
        Long from;
        Long to;
        try {
            from = args.length > 0 ? Long.valueOf(args[0]) : null;
            to = args.length > 1 ? Long.valueOf(args[1]) : null;
            if (args.length > 2 || (from != null && from < 0) || (to != null && to < 0)
                    || (from != null && to != null && from > to)) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            System.err.println("usage: verify-history [from] [to]   (global indexes, 0 <= from <= to)");
            return USAGE;
        }
        List<PublicKey> keys = trustedKeys(secrets);
        long started = System.nanoTime();
        HistoryVerifier.Result result = new HistoryVerifier(dataSource, keys).verify(from, to);
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        System.out.printf("verify-history: %s; %d positions checked in %.2f s (%.0f events/s); sealed up to %d, "
                        + "%d unsealed; %d checkpoints%s%n", result.ok() ? "INTACT" : "BROKEN", result.checked(), seconds,
                result.checked() / seconds, result.sealedUpTo(), result.unsealed(), result.checkpoints(),
                result.signaturesChecked() ? "" : " (signatures NOT checked: no key)");
        if (!result.ok()) {
            System.out.printf("first break at global index %d: %s (%s)%n", result.firstBreak().position(),
                    result.firstBreak().reason().code(), result.firstBreak().detail());
        }
        return result.ok() ? INTACT : BROKEN;
    }

    private static List<PublicKey> trustedKeys(Path secrets) {
        String published = Settings.setting("LEARNING_AUDIT_PUBLIC_KEY", "");
        if (!published.isBlank()) {
            return List.of(AuditSigningKey.publicKey(published));
        }
        String file = Settings.setting("LEARNING_AUDIT_SIGNING_KEY_FILE", "");
        Path keyFile = file.isBlank() ? secrets.resolve(AuditSigningKey.DEFAULT_FILE) : Path.of(file);
        if (Files.exists(keyFile)) {
            return List.of(AuditSigningKey.read(keyFile).publicKey());
        }
        System.err.println("verify-history: no audit key (LEARNING_AUDIT_PUBLIC_KEY, LEARNING_AUDIT_SIGNING_KEY_FILE "
                + "or " + keyFile + "); checkpoint signatures are not checked");
        return List.of();
    }
}
