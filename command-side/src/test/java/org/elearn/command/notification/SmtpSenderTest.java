package org.elearn.command.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.web.TestAccounts;
import org.elearn.command.web.TestAccounts.Login;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With the SMTP sender, an outbox message reaches a real SMTP server and leaves the outbox, and a
 * marketing message carries its one-click unsubscribe headers.
 */
@CommandSideTest
@TestPropertySource(properties = {"learning.notifications.sender=smtp", "learning.notifications.from=noreply@learning.test",
        "spring.mail.host=127.0.0.1", "spring.mail.port=3025"})
class SmtpSenderTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);

    @Autowired
    Outbox outbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WebTestClient web;
    @Autowired
    ApplicationContext context;

    @Test
    void anOutboxMessageIsMailedAndThenDeleted() throws Exception {
        String recipient = "smtp-" + UUID.randomUUID() + "@example.com";
        jdbc.update("DELETE FROM notification_outbox");
        outbox.enqueue(UUID.randomUUID().toString(), recipient, "Your invitation", "Your invitation code: abc\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> SMTP.getReceivedMessages().length > 0);
        MimeMessage message = SMTP.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(recipient);
        assertThat(message.getSubject()).isEqualTo("Your invitation");
        assertThat(GreenMailUtil.getBody(message)).contains("Your invitation code: abc");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_outbox WHERE recipient = ?", Long.class, recipient) == 0);
    }

    @Test
    void aMarketingMailCarriesTheOneClickUnsubscribeHeaders() throws Exception {
        Login user = TestAccounts.loggedIn(context, web, UUID.randomUUID(), "TRAINEE", "long-enough-password");
        web.put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB"))
                .exchange().expectStatus().isOk();
        outbox.enqueue(Outbox.Kind.MARKETING, user.id().toString(), user.email(), "News", "New courses\n");

        await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .anyMatch(m -> hasRecipient(m, user.email())));
        MimeMessage message = Arrays.stream(SMTP.getReceivedMessages()).filter(m -> hasRecipient(m, user.email()))
                .findFirst().orElseThrow();
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("List-Unsubscribe")[0]).matches("<http://localhost:8080/api/unsubscribe\\?token=[^>]+>");
    }

    private static boolean hasRecipient(MimeMessage message, String email) {
        try {
            return message.getAllRecipients()[0].toString().equals(email);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
