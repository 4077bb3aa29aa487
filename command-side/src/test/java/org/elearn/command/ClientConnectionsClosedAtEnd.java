package org.elearn.command;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.netty.http.HttpResources;

/**
 * Closes the test clients' pooled connections once every test has run, before the JVM's shutdown
 * hook closes the cached Spring contexts. The services shut down gracefully, waiting for open
 * connections, and the clients' keep-alive connections on Reactor Netty's global loops kept each
 * context's graceful phase waiting out its 30 s: the test JVM outlived its {@code System.exit} until
 * surefire killed it ("Surefire is going to kill self fork JVM"), 30 s added to every build.
 * ({@code SharedServices} does the same for the end-to-end tests' shared pair.)
 */
public final class ClientConnectionsClosedAtEnd implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        HttpResources.disposeLoopsAndConnections();
    }
}
