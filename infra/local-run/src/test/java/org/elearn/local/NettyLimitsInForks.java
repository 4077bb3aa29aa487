package org.elearn.local;

import java.util.concurrent.atomic.AtomicBoolean;
import org.elearn.query.QuerySideApplication;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Limits Reactor Netty's writes in flight per connection ({@link QuerySideApplication#limitWritesInFlight})
 * when a test JVM's first test plan starts, as the services' main does before anything else.
 * Reactor Netty reads the setting once per JVM, at its first send. In a test JVM that send may be a
 * test client's, made before any class has started the services. Which class runs first in a JVM
 * depends on how failsafe shares the classes out among its JVMs, so the limit must not.
 */
public final class NettyLimitsInForks implements TestExecutionListener {

    private static final AtomicBoolean SET = new AtomicBoolean();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (SET.compareAndSet(false, true)) {
            QuerySideApplication.limitWritesInFlight();
        }
    }
}
