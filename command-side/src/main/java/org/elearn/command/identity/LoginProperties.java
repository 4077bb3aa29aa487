package org.elearn.command.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Login throttling: failures allowed per account and per client address within a window. */
@ConfigurationProperties("learning.login")
record LoginProperties(int maxFailuresPerAccount, int maxFailuresPerAddress, Duration window) {
}
