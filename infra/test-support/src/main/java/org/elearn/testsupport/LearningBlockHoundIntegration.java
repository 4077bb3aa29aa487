package org.elearn.testsupport;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few blocking calls tolerated on Reactor threads in tests. Each is a one-time load of a
 * resource from a jar, like class loading (which BlockHound already tolerates); none happens per
 * request once warmed up.
 */
public class LearningBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Bean Validation loads its message bundle on the first constraint violation.
        builder.allowBlockingCallsInside("java.util.ResourceBundle", "getBundle");
    }
}
