package org.elearn.query.audit;

import java.util.List;
import javax.sql.DataSource;
import org.elearn.support.secrets.SecretsProperties;
import org.elearn.support.web.ConcurrencyGate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit signing key and the verifier, which trusts that key's checkpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    AuditSigningKey auditSigningKey(AuditProperties audit, SecretsProperties secrets) {
        return AuditSigningKey.load(audit.signingKeyPath(), secrets.dir());
    }

    /**
     * Verifications of the history over HTTP at once on this instance
     * ({@code learning.audit.verify-concurrency}, default 2): each holds a connection of the pool
     * the processors write with, for as long as the whole history takes to check.
     */
    @Bean
    ConcurrencyGate verificationGate(AuditProperties audit) {
        return new ConcurrencyGate(audit.verifyConcurrency());
    }

    @Bean
    HistoryVerifier historyVerifier(DataSource dataSource, AuditSigningKey key) {
        return new HistoryVerifier(dataSource, List.of(key.publicKey()));
    }
}
