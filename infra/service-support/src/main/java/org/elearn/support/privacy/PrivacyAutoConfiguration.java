package org.elearn.support.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.serialization.json.JacksonSerializer;
import org.elearn.events.privacy.EncryptingSerializer;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.events.privacy.KeyEncryptionKeys;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.support.db.DatabaseAutoConfiguration;
import org.elearn.support.secrets.SecretsProperties;
import org.elearn.support.security.SessionVersions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Crypto-shredding wiring: the KEK, the key vault, the encrypting serializer Axon uses for events,
 * snapshots and dead letters, and the listener for erasures and revoked sessions.
 */
@AutoConfiguration(after = DatabaseAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties({CryptoProperties.class, PrivacyProperties.class, SecretsProperties.class})
public class PrivacyAutoConfiguration {

    /** Local KEKs; replace this bean with a KMS- or Vault-backed {@link KeyEncryptionKeys}. */
    @Bean
    @ConditionalOnMissingBean
    KeyEncryptionKeys keyEncryptionKeys(CryptoProperties crypto, org.springframework.core.env.Environment environment) {
        return localKeks(crypto, environment);
    }

    /** The current KEK from {@code learning.crypto.kek} or its file, then the retired ones. */
    static KeyEncryptionKeys localKeks(CryptoProperties crypto, org.springframework.core.env.Environment environment) {
        List<String> keys = new ArrayList<>();
        // the documented variables LEARNING_KEK and LEARNING_KEK_FILE do not bind to learning.crypto.* by
        // Spring's relaxed rules (that would be LEARNING_CRYPTO_KEK), so they are read here by name
        String kek = crypto.kek() != null && !crypto.kek().isBlank() ? crypto.kek()
                : environment.getProperty("LEARNING_KEK", "");
        String kekFile = crypto.kekFile() != null ? crypto.kekFile().toString()
                : environment.getProperty("LEARNING_KEK_FILE", "");
        if (!kek.isBlank()) {
            keys.add(kek);
        } else if (!kekFile.isBlank()) {
            keys.add(read(java.nio.file.Path.of(kekFile)));
        } else {
            throw new IllegalStateException(
                    "no key-encryption key: set LEARNING_KEK (base64 of 32 random bytes) or LEARNING_KEK_FILE");
        }
        crypto.retiredKekFiles().forEach(file -> keys.add(read(file)));
        return new LocalKeyEncryptionKeys(keys);
    }

    /** Joins the caller's JDBC transaction, so a new key commits with the events that need it. */
    @Bean
    JdbcKeyVault keyVault(DataSource dataSource, KeyEncryptionKeys keks, CryptoProperties crypto) {
        return new JdbcKeyVault(new TransactionAwareDataSourceProxy(dataSource), keks, crypto.keyCacheTtl(),
                crypto.keyCacheSize());
    }

    @Bean
    @Qualifier("eventSerializer")
    EncryptingSerializer eventSerializer(ObjectMapper objectMapper, JdbcKeyVault keyVault) {
        // a copy: Axon registers its own modules on the mapper it is given
        JacksonSerializer jackson = JacksonSerializer.builder().objectMapper(objectMapper.copy()).build();
        return new EncryptingSerializer(jackson, keyVault);
    }

    /** Rewrites the tables an erasure touched and closes the WAL segment, {@code learning.privacy.compaction-delay} after the last erasure. */
    @Bean
    ErasureCompaction erasureCompaction(DataSource dataSource, PrivacyProperties privacy) {
        return new ErasureCompaction(dataSource, privacy.compactionDelay());
    }

    /** The list of erasures that outlives a restored backup; beside the KEK unless placed elsewhere. */
    @Bean
    ErasureLog erasureLog(PrivacyProperties privacy, SecretsProperties secrets) {
        // set: an erasure that cannot be recorded fails; the default may be a read-only mount of the secrets
        return privacy.erasureLog() != null ? new ErasureLog(privacy.erasureLog(), true)
                : new ErasureLog(secrets.dir().resolve("erasure-log"), false);
    }

    @Bean
    ErasedSubjects erasedSubjects() {
        return new ErasedSubjects();
    }

    @Bean
    SessionVersions sessionVersions() {
        return new SessionVersions();
    }

    @Bean
    RevocationListener revocationListener(DataSource dataSource, JdbcKeyVault keyVault, ErasedSubjects erased,
                                          SessionVersions sessions) {
        return new RevocationListener(dataSource, keyVault, erased, sessions);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key-encryption key file " + file, e);
        }
    }
}
