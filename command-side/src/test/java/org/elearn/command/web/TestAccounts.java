package org.elearn.command.web;

import java.util.List;
import java.util.UUID;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Accounts made straight in the stores, for tests about what a logged-in user does next. */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** A user with a login, their email and a fresh token. */
    public record Login(UUID id, UUID organization, String email, String token) {
    }

    /** Creates an active login with this role in this organization, and logs it in. */
    public static Login loggedIn(ApplicationContext context, WebTestClient web, UUID organization, String role,
                                 String password) {
        UUID id = UUID.randomUUID();
        String email = "user-" + id + "@example.com";
        context.getBean(AccountStore.class).reserveEmail(context.getBean(EmailHasher.class).hash(email), id);
        context.getBean(AccountStore.class).createCredentials(id, context.getBean(PasswordEncoder.class).encode(password),
                List.of(role), organization);
        return new Login(id, organization, email, TestTokens.login(web, email, password));
    }
}
