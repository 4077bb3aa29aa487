package org.elearn.local;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound (with every {@code BlockHoundIntegration} on the class path, as
 * {@code blockhound-junit-platform} does) when the first test plan starts to run, instead of when
 * the listener is loaded. The end-to-end classes run in several failsafe JVMs, and to share them out
 * failsafe loads the JUnit Platform's listeners in Maven's own JVM too, which lacks the JVM flag
 * BlockHound needs; there no test plan runs, so nothing is installed. This module therefore leaves
 * out {@code blockhound-junit-platform}, whose listener installs when its class is loaded.
 */
public final class BlockHoundInForks implements TestExecutionListener {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        if (INSTALLED.compareAndSet(false, true)) {
            BlockHound.install();
        }
    }
}
