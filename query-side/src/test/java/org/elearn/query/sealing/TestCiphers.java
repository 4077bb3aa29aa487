package org.elearn.query.sealing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.support.secrets.SecretsProperties;
import org.elearn.testsupport.TestKeys;
import org.springframework.jdbc.core.JdbcTemplate;

/** The key vault and projection cipher of a test database, made as the query side makes them. */
public final class TestCiphers {

    /** A mapper like the services' own: records and java.time as JSON. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private TestCiphers() {
    }

    /** The key vault on the test database, under the tests' key-encryption key. */
    public static JdbcKeyVault vault(JdbcTemplate jdbc) {
        return new JdbcKeyVault(jdbc.getDataSource(), new LocalKeyEncryptionKeys(List.of(TestKeys.KEK)),
                Duration.ofMinutes(1), 1000);
    }

    /** The projections' cipher over this vault, with the blind index key under {@code target/test-secrets}. */
    public static ProjectionCipher cipher(JdbcKeyVault vault) {
        return new ProjectionCipher(vault, MAPPER, new SecretsProperties(Path.of("target/test-secrets")));
    }
}
