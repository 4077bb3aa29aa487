package org.elearn.command.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/** With the SMTP sender, an outbox message reaches a real SMTP server and leaves the outbox. */
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

    @Test
    void anOutboxMessageIsMailedAndThenDeleted() throws Exception {
        String recipient = "smtp-" + UUID.randomUUID() + "@example.com";
        jdbc.update("DELETE FROM notification_outbox");
        outbox.enqueue(UUID.randomUUID().toString(), recipient, "Your invitation", "Your invitation code: abc\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> SMTP.getReceivedMessages().length > 0);
        MimeMessage message = SMTP.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(recipient);
        assertThat(message.getSubject()).isEqualTo("Your invitation");
        assertThat(GreenMailUtil.getBody(message)).contains("Your invitation code: abc");
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_outbox WHERE recipient = ?", Long.class, recipient) == 0);
    }
}
