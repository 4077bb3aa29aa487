package org.elearn.command.registration;

import java.util.Map;
import org.elearn.command.CommandErrors;
import org.elearn.command.identity.AttemptCounter;
import org.springframework.stereotype.Component;

/**
 * Counts registration requests per email and per client address, and wrong verification codes per
 * client address, within a window. Emails are named by the hex of their hash, never in clear.
 * Counters are per instance, like the login's: with N instances a caller gets at most N times the
 * budget, which is still bounded.
 */
@Component
class RegistrationThrottle {

    private final AttemptCounter requestsByEmail;
    private final AttemptCounter requestsByAddress;
    private final AttemptCounter wrongCodesByAddress;

    RegistrationThrottle(RegistrationProperties limits) {
        this.requestsByEmail = new AttemptCounter(limits.maxRequestsPerEmail(), limits.window());
        this.requestsByAddress = new AttemptCounter(limits.maxRequestsPerAddress(), limits.window());
        this.wrongCodesByAddress = new AttemptCounter(limits.maxFailedVerificationsPerAddress(), limits.window());
    }

    /** Counts a request, or refuses it (429, with the seconds to wait) once the email's or address's budget is spent. */
    void request(String emailKey, String address) {
        long wait = Math.max(requestsByEmail.blockedFor(emailKey), requestsByAddress.blockedFor(address));
        if (wait > 0) {
            throw CommandErrors.TOO_MANY_REGISTRATIONS.refusal(
                    "Too many registration requests for this email or from this address. Try again later.",
                    Map.of("retryAfterSeconds", wait));
        }
        requestsByEmail.record(emailKey);
        requestsByAddress.record(address);
    }

    /** Refuses a verification (429, with the seconds to wait) from an address that sent too many wrong codes. */
    void checkVerification(String address) {
        long wait = wrongCodesByAddress.blockedFor(address);
        if (wait > 0) {
            throw CommandErrors.TOO_MANY_VERIFICATION_ATTEMPTS.refusal(
                    "Too many wrong verification codes from this address. Try again later.",
                    Map.of("retryAfterSeconds", wait));
        }
    }

    void recordWrongCode(String address) {
        wrongCodesByAddress.record(address);
    }
}
