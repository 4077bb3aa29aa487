package org.elearn.command.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.testsupport.TestMailbox;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
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

    /** The local operator's login, made at start-up. */
    public static final String OPERATOR_EMAIL = "operator@test.example";
    public static final String OPERATOR_PASSWORD = "operator-password-123";

    /**
     * Addresses of accounts outside an organization, made through the API: another organization's
     * member (imported there by that organization's administrator), a self-registered instructor,
     * the operator and an auditor. The instructor's and the auditor's password is
     * {@code long-enough-password}.
     */
    public static List<String> heldElsewhere(WebTestClient web, String otherOrganizationsAdmin,
                                             UUID otherOrganization) {
        String tag = UUID.randomUUID().toString();
        String member = "elsewhere-" + tag + "@example.com";
        web.post().uri("/api/organizations/{id}/member-imports", otherOrganization)
                .headers(h -> h.setBearerAuth(otherOrganizationsAdmin)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nEl Sewhere,," + member + ",Sales\r\n").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(1);
        String instructor = "instructor-" + tag + "@example.com";
        registerInstructor(web, instructor, "long-enough-password");
        String auditor = "auditor-" + tag + "@example.com";
        String operator = TestTokens.login(web, OPERATOR_EMAIL, OPERATOR_PASSWORD);
        web.post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", auditor, "password", "long-enough-password", "mayReveal", false))
                .exchange().expectStatus().isCreated();
        return List.of(member, instructor, OPERATOR_EMAIL, auditor);
    }

    /** Registers a self-registered instructor (an account in no organization). */
    public static void registerInstructor(WebTestClient web, String email, String password) {
        TestMailbox.register(web, TestTokens.login(web, OPERATOR_EMAIL, OPERATOR_PASSWORD), "/api/instructors",
                Map.of("name", "Ivy", "email", email, "phone", "+1 555 0100", "password", password));
    }
}
