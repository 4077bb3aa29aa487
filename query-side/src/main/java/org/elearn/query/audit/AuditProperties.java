package org.elearn.query.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning.audit.*}: the history sealer and its signing key.
 *
 * @param sealerEnabled   whether this instance takes part in sealing (one instance seals at a time)
 * @param sealInterval    the pause between sealing rounds once caught up
 * @param gapTimeout      how long a missing global index below a present one is waited for before
 *                        the sealer passes it (it may be a transaction still committing)
 * @param checkpointEvery a signed checkpoint every this many sealed events
 * @param checkpointMaxAge when the sealer has caught up, it also signs the events sealed since the
 *                        last checkpoint once that checkpoint is this old, so no tail of the
 *                        history stays unsigned for longer
 * @param batchSize       events read and sealed per transaction
 * @param signingKeyFile  a PKCS#8 PEM Ed25519 key ({@code LEARNING_AUDIT_SIGNING_KEY_FILE}); when
 *                        unset, {@code <learning.secrets.dir>/audit-signing-key.pem}, created once
 * @param verifyConcurrency verifications of the history over HTTP at once on this instance: each
 *                        holds a connection of the pool the processors write with, for as long as
 *                        the whole history takes to check; one more gets {@code 503 verifications-busy}
 */
@ConfigurationProperties("learning.audit")
public record AuditProperties(@DefaultValue("true") boolean sealerEnabled,
                              @DefaultValue("1s") Duration sealInterval,
                              @DefaultValue("10s") Duration gapTimeout,
                              @DefaultValue("1000") int checkpointEvery,
                              @DefaultValue("1m") Duration checkpointMaxAge,
                              @DefaultValue("5000") int batchSize,
                              String signingKeyFile,
                              @DefaultValue("2") int verifyConcurrency) {

    public AuditProperties {
        if (checkpointEvery < 1 || batchSize < 1 || verifyConcurrency < 1) {
            throw new IllegalArgumentException(
                    "learning.audit.checkpoint-every, batch-size and verify-concurrency must be positive");
        }
    }

    /** The configured key file, or null when the secrets directory's key is to be used. */
    public Path signingKeyPath() {
        return signingKeyFile == null || signingKeyFile.isBlank() ? null : Path.of(signingKeyFile);
    }
}
