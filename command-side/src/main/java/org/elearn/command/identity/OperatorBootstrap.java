package org.elearn.command.identity;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.elearn.support.secrets.SecretFiles;
import org.elearn.support.secrets.SecretsProperties;
import org.elearn.tenancy.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first operator account at start-up. From {@code LEARNING_OPERATOR_EMAIL} and
 * {@code LEARNING_OPERATOR_PASSWORD} when set; in the local run, when they are unset, with a generated
 * password that is printed once to the console (never to the log) on the first start, and kept
 * beside the other local secrets, owner-readable only, so the README walk-through can read it.
 */
@Component
record OperatorBootstrap(OperatorProperties operator, SecretsProperties secrets, AccountStore accounts,
                         PasswordEncoder passwords, TransactionTemplate tx) implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    static final String INITIAL_PASSWORD_FILE = "initial-operator-password";

    @Override
    public void run(ApplicationArguments args) {
        if (operator.configured()) {
            if (create(operator.email(), operator.password())) {
                log.info("operator account created from configuration");
            }
            return;
        }
        if (!operator.generateWhenUnset()) {
            if (!accounts.hasAccountWithRole(Roles.OPERATOR.name())) {
                log.warn("no operator account: set LEARNING_OPERATOR_EMAIL and LEARNING_OPERATOR_PASSWORD");
            }
            return;
        }
        if (accounts.hasAccountWithRole(Roles.OPERATOR.name())) {
            return;
        }
        String password = SecretFiles.readOrCreate(secrets.dir(), INITIAL_PASSWORD_FILE,
                OperatorBootstrap::generatePassword);
        if (create(OperatorProperties.LOCAL_DEFAULT_EMAIL, password)) {
            // Printed, not logged: shown once to the person starting the local run, kept out of log files.
            System.out.printf("%n=== First start: operator account created ===%n"
                    + "    email:    %s%n    password: %s%n"
                    + "    (shown only this once, also kept owner-readable in %s;%n"
                    + "     set LEARNING_OPERATOR_EMAIL/PASSWORD to choose your own)%n%n",
                    OperatorProperties.LOCAL_DEFAULT_EMAIL, password, secrets.dir().resolve(INITIAL_PASSWORD_FILE));
        }
    }

    /** Creates the operator unless the email is already taken (then the account exists). */
    private boolean create(String email, String password) {
        UUID userId = UUID.randomUUID();
        Boolean created = tx.execute(status -> accounts.open(email, userId, passwords.encode(password),
                List.of(Roles.OPERATOR.name()), null, AccountStore.Status.ACTIVE));
        return Boolean.TRUE.equals(created);
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
