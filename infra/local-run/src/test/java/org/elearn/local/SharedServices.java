package org.elearn.local;

import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.netty.http.HttpResources;

/**
 * One pair of services with default settings on one test database per test JVM, shared by every
 * end-to-end test class that opts in with {@code @ExtendWith(SharedServices.class)} and takes a
 * {@link LocalApi} as a constructor or {@code @BeforeAll} parameter. Started by the first class
 * that asks, never closed by a test.
 *
 * <p>It is held by the JVM, not by JUnit's root store: failsafe hands the classes out to several
 * JVMs one at a time, and runs each as a test plan of its own, whose root store closes when that
 * class ends. The pair is closed when the JUnit launcher session ends (this class is also that
 * session's listener), or else when the JVM exits, by Spring Boot's shutdown hook.
 *
 * <p>A class may share only if its tests work in organizations and accounts of their own and read
 * nothing of the whole system: it does not stop a service or the database, move a clock, change
 * settings, rebuild or reset projections, corrupt rows, or count rows, events or mails beyond its
 * own. Others start their own {@code new LocalApi(TestDatabases.create(), ...)}. The pair runs on
 * event loops of its own ({@link OwnEventLoops}), so closing those others leaves it running.
 */
public final class SharedServices implements ParameterResolver, LauncherSessionListener {

    private static LocalApi shared;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalApi.class;
    }

    @Override
    public LocalApi resolveParameter(ParameterContext parameter, ExtensionContext context) {
        synchronized (SharedServices.class) {
            if (shared == null) {
                shared = OwnEventLoops.of(() -> new LocalApi(TestDatabases.create(), "target/shared-secrets"));
            }
            return shared;
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        LocalApi closing;
        synchronized (SharedServices.class) {
            closing = shared;
            shared = null;
        }
        if (closing != null) {
            // the tests' clients keep connections open on the global loops, and a service waits out
            // its graceful shutdown for them; dropping them first lets it stop at once
            HttpResources.disposeLoopsAndConnections();
            closing.close();
        }
    }
}
