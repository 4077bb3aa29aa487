package org.elearn.command.registration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Self-registration: how long a mailed code verifies, and the budgets within {@code window}:
 * registration requests per email and per client address, and wrong codes per client address.
 */
@ConfigurationProperties("learning.registration")
record RegistrationProperties(Duration validity, int maxRequestsPerEmail, int maxRequestsPerAddress,
                              int maxFailedVerificationsPerAddress, Duration window) {
}
