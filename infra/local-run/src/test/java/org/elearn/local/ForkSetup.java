package org.elearn.local;

import java.util.concurrent.atomic.AtomicBoolean;
import org.elearn.query.QuerySideApplication;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * What a test JVM sets up once, when its first test plan starts to run.
 * <ul>
 *   <li>BlockHound, with every {@code BlockHoundIntegration} on the class path, as
 *       {@code blockhound-junit-platform} installs it, but not when the listener is loaded. The
 *       end-to-end classes run in several failsafe JVMs, and to share them out failsafe loads the
 *       JUnit Platform's listeners in Maven's own JVM too. That JVM lacks the JVM flag BlockHound
 *       needs, and no test plan runs there, so nothing is installed. This module therefore leaves
 *       out {@code blockhound-junit-platform}, whose listener installs when its class is loaded.</li>
 *   <li>Reactor Netty's limit of writes in flight per connection
 *       ({@link QuerySideApplication#limitWritesInFlight}), as the services' main sets it before
 *       anything else. Reactor Netty reads the setting once per JVM, at its first send. In a test JVM
 *       that send may be a test client's, made before any class has started the services. Which
 *       class runs first in a JVM depends on how failsafe shares the classes out, so the limit must
 *       not.</li>
 * </ul>
 */
public final class ForkSetup implements TestExecutionListener {

    private static final AtomicBoolean DONE = new AtomicBoolean();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (DONE.compareAndSet(false, true)) {
            QuerySideApplication.limitWritesInFlight();
            BlockHound.install();
        }
    }
}
