package org.elearn.query.audit;

import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit signing key and the verifier, which trusts that key's checkpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditSigningKey auditSigningKey(AuditProperties audit, @Value("${learning.secrets.dir}") Path secretsDir) {
        return AuditSigningKey.load(audit.signingKeyPath(), secretsDir);
    }

    /**
     * Verifications of the history over HTTP at once on this instance
     * ({@code learning.audit.verify-concurrency}, default 2): each holds a connection of the pool
     * the processors write with, for as long as the whole history takes to check.
     */
    @Bean
    ConcurrencyGate verificationGate(@Value("${learning.audit.verify-concurrency:2}") int concurrency) {
        return new ConcurrencyGate(concurrency);
    }

    @Bean
    HistoryVerifier historyVerifier(DataSource dataSource, AuditSigningKey key) {
        return new HistoryVerifier(dataSource, List.of(key.publicKey()));
    }
}
