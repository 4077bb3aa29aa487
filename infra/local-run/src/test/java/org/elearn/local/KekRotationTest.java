package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

class KekRotationTest {

    @TempDir
    Path secrets;

    @Test
    void rotationRewrapsEveryDataKeyUnderANewKekAndRetiresTheOld() throws Exception {
        PGSimpleDataSource dataSource = EventStoreDatabase.migrated();

        String oldKek = Files.readString(LocalKeks.ensureCurrent(secrets)).strip();
        JdbcKeyVault before = new JdbcKeyVault(dataSource, new LocalKeyEncryptionKeys(List.of(oldKek)),
                Duration.ofMinutes(1), 100);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String subject = UUID.randomUUID().toString();
            keys.put(subject, before.keyForWriting(subject).getEncoded());
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> oldIds = jdbc.queryForList("SELECT DISTINCT kek_id FROM data_key", String.class);

        int rewrapped = KekRotation.rotate(dataSource, secrets);

        assertThat(rewrapped).isEqualTo(3);
        String newKek = Files.readString(LocalKeks.ensureCurrent(secrets)).strip();
        assertThat(newKek).isNotEqualTo(oldKek);
        assertThat(LocalKeks.retiredFiles(secrets)).isEmpty();
        List<String> newIds = jdbc.queryForList("SELECT DISTINCT kek_id FROM data_key", String.class);
        assertThat(newIds).hasSize(1).doesNotContainAnyElementsOf(oldIds);
        JdbcKeyVault after = new JdbcKeyVault(dataSource, new LocalKeyEncryptionKeys(List.of(newKek)),
                Duration.ofMinutes(1), 100);
        keys.forEach((subject, raw) ->
                assertThat(after.keyForReading(subject).orElseThrow().getEncoded()).isEqualTo(raw));
    }
}
