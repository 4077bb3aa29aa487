package org.elearn.support.privacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.elearn.events.privacy.JdbcKeyVault;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL's {@value JdbcKeyVault#ERASURE_CHANNEL} channel on a dedicated thread with its
 * own connection, so that an erasure on any instance evicts this instance's cached key and refuses
 * the subject's tokens within moments. After the connection drops it reconnects, evicts every cached
 * key and reloads the erased subjects, because notifications sent meanwhile are lost.
 */
public class ErasureListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ErasureListener.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final JdbcKeyVault vault;
    private final ErasedSubjects erased;
    private volatile boolean running;
    private Thread thread;

    public ErasureListener(DataSource dataSource, JdbcKeyVault vault, ErasedSubjects erased) {
        this.dataSource = dataSource;
        this.vault = vault;
        this.erased = erased;
    }

    @Override
    public synchronized void start() {
        running = true;
        erased.addAll(loadErased());
        thread = new Thread(this::listen, "erasure-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + JdbcKeyVault.ERASURE_CHANNEL);
                }
                if (!first) {
                    vault.evictAll();
                    erased.addAll(loadErased());
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            vault.markErased(n.getParameter());
                            erased.add(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("erasure listener lost its connection ({}); reconnecting", e.getClass().getSimpleName());
                    pause();
                }
            }
        }
    }

    private Set<String> loadErased() {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT subject_id FROM data_subject_erasure")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load erased subjects", e);
        }
        return ids;
    }

    private static void pause() {
        try {
            Thread.sleep(1000); // reconnect back-off on a background thread, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
