package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reading a batch's data keys ahead: one query fills the cache, and erased subjects get no key. */
class KeyPrefetchTest {

    @Test
    void keysReadAheadServeTheBatchAndErasedSubjectsStayWithout() {
        PGSimpleDataSource dataSource = EventStoreDatabase.migrated();
        LocalKeyEncryptionKeys keks = new LocalKeyEncryptionKeys(List.of(TestKeys.KEK));
        JdbcKeyVault writer = new JdbcKeyVault(dataSource, keks, Duration.ofMinutes(1), 100);
        List<String> subjects = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            subjects.add(UUID.randomUUID().toString());
            keys.add(writer.keyForWriting(subjects.get(i)).getEncoded());
        }
        String erased = UUID.randomUUID().toString();
        writer.keyForWriting(erased);
        writer.erase(erased);

        JdbcKeyVault reader = new JdbcKeyVault(dataSource, keks, Duration.ofMinutes(1), 100);
        List<String> batch = new ArrayList<>(subjects);
        batch.add(erased);
        batch.add(subjects.get(0));
        reader.prepareKeysForReading(batch);
        // the stored keys are gone now: what the reader still returns came from the read ahead
        new JdbcTemplate(dataSource).update("DELETE FROM data_key");

        for (int i = 0; i < subjects.size(); i++) {
            assertThat(reader.keyForReading(subjects.get(i)).orElseThrow().getEncoded()).isEqualTo(keys.get(i));
        }
        assertThat(reader.keyForReading(erased)).isEmpty();
    }
}
