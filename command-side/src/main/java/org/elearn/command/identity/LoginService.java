package org.elearn.command.identity;

import org.elearn.support.privacy.EmailHasher;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import org.elearn.command.CommandErrors;
import org.elearn.support.errors.DomainException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Checks a login and issues a token. Blocking (JDBC, bcrypt): run it off the event loop. */
@Service
public class LoginService {

    private final AccountStore accounts;
    private final EmailHasher emailHasher;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    /** Compared against when the account does not exist, so both paths cost one bcrypt check. */
    private final String unknownAccountHash;

    private final TransactionTemplate tx;

    LoginService(AccountStore accounts, EmailHasher emailHasher, PasswordEncoder passwords, LoginThrottle throttle,
                 TokenIssuer tokens, TransactionTemplate tx) {
        this.accounts = accounts;
        this.emailHasher = emailHasher;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.tx = tx;
        this.unknownAccountHash = passwords.encode("not-a-password-of-anyone");
    }

    TokenIssuer.AccessToken login(String email, String password, String clientAddress) {
        Account found = authenticate(email, password, clientAddress);
        if (found.status() != AccountStore.Status.ACTIVE) {
            // the password was right, so saying why is safe and useful
            throw switch (found.status()) {
                case PENDING -> CommandErrors.ACCOUNT_PENDING.refusal("This account waits for an operator's approval.");
                case DEACTIVATED -> CommandErrors.ACCOUNT_DEACTIVATED.refusal(
                        "This member was deactivated by their organization's administrator.");
                case CANCELLED -> CommandErrors.ACCOUNT_CANCELLED.refusal(
                        "This account is cancelled and will be erased. Until then the cancellation can be withdrawn "
                                + "with POST /api/cancellation/withdrawal.");
                default -> CommandErrors.ACCOUNT_REJECTED.refusal("This account was rejected.");
            };
        }
        return tokens.issue(found.userId(), found.roles(), found.organizationId(), found.sessionVersion());
    }

    /**
     * Checks an email and password whatever the account's status, with the same throttling and
     * answers as a login, and answers the user id. For acts that must not need a token, such as
     * withdrawing a cancellation (a cancelled account gets no token).
     */
    public UUID verifyPassword(String email, String password, String clientAddress) {
        return authenticate(email, password, clientAddress).userId();
    }

    /**
     * Checks that this password is the user's own, with the same throttling and answers as a login.
     * For acts where the account is known but must be proven, such as an existing account accepting
     * an invitation.
     */
    public void verifyPasswordOf(UUID userId, String password, String clientAddress) {
        authenticate(accounts.emailHashOf(userId).orElseThrow(LoginService::invalidCredentials), password,
                clientAddress);
    }

    private Account authenticate(String email, String password, String clientAddress) {
        return authenticate(emailHasher.hash(email), password, clientAddress);
    }

    private Account authenticate(byte[] emailHash, String password, String clientAddress) {
        String throttleKey = HexFormat.of().formatHex(emailHash);
        throttle.check(throttleKey, clientAddress);
        Optional<Account> account = accounts.findByEmail(emailHash);
        boolean matches = passwords.matches(password, account.map(Account::passwordHash).orElse(unknownAccountHash));
        if (account.isEmpty() || !matches) {
            throttle.recordFailure(throttleKey, clientAddress);
            throw invalidCredentials();
        }
        throttle.recordSuccess(throttleKey, clientAddress);
        return account.get();
    }

    private static DomainException invalidCredentials() {
        return CommandErrors.INVALID_CREDENTIALS.refusal("Email or password is wrong.");
    }

    /**
     * Changes the caller's password after checking the current one. Every other session ends: their
     * tokens carry an older session version. The caller gets a new token for this session. Wrong
     * current passwords count against the user (by id) and the client address like failed logins.
     */
    TokenIssuer.AccessToken changePassword(UUID userId, String currentPassword, String newPassword,
                                           String clientAddress) {
        String throttleKey = userId.toString();
        throttle.check(throttleKey, clientAddress);
        Account account = accounts.findById(userId).orElseThrow(() -> CommandErrors.USER_NOT_FOUND.refusal(
                "No account for this token."));
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throttle.recordFailure(throttleKey, clientAddress);
            throw CommandErrors.WRONG_PASSWORD.refusal("The current password is wrong.");
        }
        throttle.recordSuccess(throttleKey, clientAddress);
        String hash = passwords.encode(newPassword);
        Integer version = tx.execute(status -> accounts.changePassword(userId, hash));
        return tokens.issue(userId, account.roles(), account.organizationId(), version);
    }
}
