package org.elearn.support.privacy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.support.security.SessionVersions;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL's {@value JdbcKeyVault#ERASURE_CHANNEL} and {@value SessionVersions#CHANNEL}
 * channels on a dedicated thread with its own connection, so that an erasure on any instance evicts
 * this instance's cached key and refuses the subject's tokens within moments, and a password change
 * or a member's deactivation anywhere refuses the user's older tokens here. After the connection drops it reconnects, evicts
 * every cached key and reloads both lists, because notifications sent meanwhile are lost.
 */
public class RevocationListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);
    private static final int POLL_MILLIS = 250;

    private final DataSource dataSource;
    private final JdbcKeyVault vault;
    private final ErasedSubjects erased;
    private final SessionVersions sessions;
    private volatile boolean running;
    private Thread thread;

    public RevocationListener(DataSource dataSource, JdbcKeyVault vault, ErasedSubjects erased,
                              SessionVersions sessions) {
        this.dataSource = dataSource;
        this.vault = vault;
        this.erased = erased;
        this.sessions = sessions;
    }

    @Override
    public synchronized void start() {
        running = true;
        reload();
        thread = new Thread(this::listen, "revocation-listener");
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
                    st.execute("LISTEN " + SessionVersions.CHANNEL);
                }
                if (!first) {
                    vault.evictAll();
                    reload();
                }
                first = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            if (n.getName().equals(SessionVersions.CHANNEL)) {
                                String[] parts = n.getParameter().split(":");
                                sessions.set(parts[0], Integer.parseInt(parts[1]));
                            } else {
                                vault.markErased(n.getParameter());
                                erased.add(n.getParameter());
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("revocation listener lost its connection ({}); reconnecting", e.getClass().getSimpleName());
                    pause();
                }
            }
        }
    }

    private void reload() {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT subject_id FROM data_subject_erasure")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT user_id, version FROM session_version")) {
                while (rs.next()) {
                    sessions.set(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load erased subjects and session versions", e);
        }
        erased.addAll(ids);
    }

    private static void pause() {
        try {
            Thread.sleep(1000); // reconnect back-off on a background thread, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
