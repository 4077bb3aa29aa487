package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import org.elearn.events.privacy.LocalKeyEncryptionKeys;
import org.elearn.events.privacy.PersonalDataIntegrityException;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A data key is used only once it is committed: a key made in a transaction that is still open, or
 * that rolled back, must not be handed to another transaction from the cache, or that transaction
 * commits events whose key the readers cannot find (PersonalDataIntegrityException, dead letters),
 * for a while or for good. Wired as the services wire the vault: joining the caller's transaction.
 */
class KeyVisibilityTest {

    private final PGSimpleDataSource dataSource = EventStoreDatabase.migrated();
    private final LocalKeyEncryptionKeys keks = new LocalKeyEncryptionKeys(List.of(TestKeys.KEK));
    private final JdbcKeyVault writer = new JdbcKeyVault(new TransactionAwareDataSourceProxy(dataSource), keks,
            Duration.ofMinutes(1), 100);
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    /** A query side: its own cache, reading what is committed. */
    private JdbcKeyVault reader() {
        return new JdbcKeyVault(dataSource, keks, Duration.ofMinutes(1), 100);
    }

    @Test
    void aBatchCommitsOnlyAfterTheKeyItUsesIsCommitted() throws Exception {
        String visitor = UUID.randomUUID().toString();
        CountDownLatch prepared = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the first batch makes the visitor's key and is still appending its events
        CompletableFuture<SecretKey> first = CompletableFuture.supplyAsync(() -> tx.execute(status -> {
            writer.prepareKeysForWriting(List.of(visitor));
            SecretKey key = writer.keyForWriting(visitor);
            prepared.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> release.getCount() == 0);
            return key;
        }));
        assertThat(prepared.await(30, TimeUnit.SECONDS)).isTrue();
        // a concurrent batch about the same visitor commits; its events are readable at once
        CompletableFuture<Optional<Throwable>> second = CompletableFuture.supplyAsync(() -> {
            tx.executeWithoutResult(status -> {
                writer.prepareKeysForWriting(List.of(visitor));
                writer.keyForWriting(visitor);
            });
            try {
                reader().keyForReading(visitor).orElseThrow();
                return Optional.empty();
            } catch (PersonalDataIntegrityException e) {
                return Optional.of(e);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> second.isDone() || waitingForTheKeyLock());
        release.countDown();
        SecretKey key = first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(reader().keyForReading(visitor).orElseThrow().getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void aKeyMadeInABatchThatRolledBackIsNeverUsed() {
        String prepared = UUID.randomUUID().toString();
        String single = UUID.randomUUID().toString();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            writer.prepareKeysForWriting(List.of(prepared));
            writer.keyForWriting(single);
            throw new IllegalStateException("the batch is refused after its keys were made");
        })).isInstanceOf(IllegalStateException.class);

        for (String subject : List.of(prepared, single)) {
            SecretKey used = tx.execute(status -> {
                writer.prepareKeysForWriting(List.of(subject));
                return writer.keyForWriting(subject);
            });
            assertThat(reader().keyForReading(subject).orElseThrow().getEncoded()).isEqualTo(used.getEncoded());
        }
    }

    @Test
    void aKeyMadeInASavepointRolledBackIsNeverUsed() {
        String subject = UUID.randomUUID().toString();
        TransactionTemplate nested = new TransactionTemplate(tx.getTransactionManager());
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        SecretKey used = tx.execute(status -> {
            // a processor's handler fails after sealing: its savepoint is rolled back, the batch goes on
            assertThatThrownBy(() -> nested.executeWithoutResult(inner -> {
                writer.keyForWriting(subject);
                throw new IllegalStateException("the handler fails");
            })).isInstanceOf(IllegalStateException.class);
            return writer.keyForWriting(subject);
        });
        assertThat(reader().keyForReading(subject).orElseThrow().getEncoded()).isEqualTo(used.getEncoded());
    }

    @Test
    void aKeyMadeInATransactionServesItAndAfterCommitEveryone() {
        String member = UUID.randomUUID().toString();
        SecretKey made = tx.execute(status -> {
            writer.prepareKeysForWriting(List.of(member));
            SecretKey key = writer.keyForWriting(member);
            assertThat(writer.keyForReading(member).orElseThrow().getEncoded()).isEqualTo(key.getEncoded());
            return key;
        });
        // served from the cache now: the stored key is gone, the cached one stays until erasure or expiry
        new JdbcTemplate(dataSource).update("DELETE FROM data_key WHERE subject_id = ?", member);
        assertThat(writer.keyForWriting(member).getEncoded()).isEqualTo(made.getEncoded());
    }

    private boolean waitingForTheKeyLock() {
        Integer waiting = new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", Integer.class);
        return waiting != null && waiting > 0;
    }
}
