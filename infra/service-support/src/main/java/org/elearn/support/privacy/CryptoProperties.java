package org.elearn.support.privacy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key-encryption key and the data-key cache.
 *
 * @param kek the current KEK, base64 of 32 random bytes ({@code LEARNING_KEK}); or
 * @param kekFile a file holding it ({@code LEARNING_KEK_FILE})
 * @param retiredKekFiles KEKs being rotated out; they still unwrap until {@code rotate-kek} has run
 * @param keyCacheTtl how long an unwrapped data key may stay cached: the backstop when an erasure
 *     notification is missed
 * @param keyCacheSize how many unwrapped data keys may be cached
 */
@ConfigurationProperties("learning.crypto")
public record CryptoProperties(String kek, Path kekFile, List<Path> retiredKekFiles, Duration keyCacheTtl,
                               Long keyCacheSize) {

    public CryptoProperties {
        retiredKekFiles = retiredKekFiles == null ? List.of() : retiredKekFiles;
        keyCacheTtl = keyCacheTtl == null ? Duration.ofMinutes(5) : keyCacheTtl;
        keyCacheSize = keyCacheSize == null ? 100_000L : keyCacheSize;
    }
}
