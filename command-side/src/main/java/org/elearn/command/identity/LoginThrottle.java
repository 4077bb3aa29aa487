package org.elearn.command.identity;

import java.util.Map;
import org.elearn.command.CommandErrors;
import org.springframework.stereotype.Component;

/**
 * Counts failed password checks per account <em>and client address together</em>, and per client
 * address across accounts, within a window. Keying the account's budget by the pair means a stranger
 * who spends it locks out only themselves: the owner, from their own address, still logs in. The
 * address budget stops one address from trying many accounts. Accounts are named by the hex of their
 * email hash or by their user id, never the email. Counters are per instance: with N instances an
 * attacker gets at most N times the budget, which is still bounded.
 */
@Component
class LoginThrottle {

    private final AttemptCounter byPair;
    private final AttemptCounter byAddress;

    LoginThrottle(LoginProperties limits) {
        this.byPair = new AttemptCounter(limits.maxFailuresPerAccount(), limits.window());
        this.byAddress = new AttemptCounter(limits.maxFailuresPerAddress(), limits.window());
    }

    /** Refuses (429, with the seconds until the oldest blocking counter expires) once a budget is spent. */
    void check(String account, String address) {
        long wait = Math.max(byPair.blockedFor(pair(account, address)), byAddress.blockedFor(address));
        if (wait > 0) {
            throw CommandErrors.TOO_MANY_LOGIN_ATTEMPTS.refusal(
                    "Too many failed password checks. Try again later.", Map.of("retryAfterSeconds", wait));
        }
    }

    void recordFailure(String account, String address) {
        byPair.record(pair(account, address));
        byAddress.record(address);
    }

    void recordSuccess(String account, String address) {
        byPair.reset(pair(account, address));
    }

    private static String pair(String account, String address) {
        return account + "|" + address;
    }
}
