package org.elearn.query.report.projection;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Which report rows changed, on every query-side instance: the {@code learning-report} processor
 * sends {@code NOTIFY learning_report_changed, '<organization>:<trainee>'} in its transaction, and
 * each instance listens on a dedicated r2dbc-postgresql connection (not from the pool), so a
 * subscriber on any instance hears of every change, whichever instance projected it. The
 * connection is re-opened with backoff if it drops; subscribers then get a {@link Change#resync()}
 * signal, since notifications sent meanwhile are lost.
 */
@Component
public class ReportChanges implements SmartLifecycle {

    static final String CHANNEL = "learning_report_changed";
    private static final Logger log = LoggerFactory.getLogger(ReportChanges.class);

    /** A changed row, or (both null) a signal that notifications may have been missed. */
    public record Change(UUID organizationId, UUID traineeId) {

        static Change resync() {
            return new Change(null, null);
        }

        public boolean isResync() {
            return organizationId == null;
        }
    }

    private final ConnectionFactory connections;
    // best effort: a subscriber that cannot keep up misses signals instead of slowing the others;
    // subscribers only add ids to a set, so in practice they keep up
    private final Sinks.Many<Change> changes = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    ReportChanges(ConnectionFactory connections) {
        this.connections = connections;
    }

    /** Every change from now on, best effort: a subscriber must take them at once. */
    public Flux<Change> changes() {
        return changes.asFlux();
    }

    @Override
    public void start() {
        ConnectionFactory direct = connections instanceof Wrapped<?> wrapped
                && wrapped.unwrap() instanceof ConnectionFactory inner ? inner : connections;
        listening = Flux.usingWhen(Mono.from(direct.create()).cast(PostgresqlConnection.class),
                        connection -> connection.createStatement("LISTEN " + CHANNEL).execute()
                                .flatMap(PostgresqlResult::getRowsUpdated)
                                .thenMany(Flux.just(Change.resync()).concatWith(connection.getNotifications()
                                        .map(notification -> parse(notification.getParameter())))),
                        connection -> connection.close())
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(250)).maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(signal -> log.warn("report change listener reconnecting: {}",
                                signal.failure().toString())))
                .subscribe(change -> changes.tryEmitNext(change));
    }

    private static Change parse(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon < 0) {
            return Change.resync();
        }
        return new Change(UUID.fromString(payload.substring(0, colon)), UUID.fromString(payload.substring(colon + 1)));
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        changes.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        Disposable current = listening;
        return current != null && !current.isDisposed();
    }
}
