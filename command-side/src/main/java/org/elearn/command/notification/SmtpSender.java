package org.elearn.command.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends notifications by SMTP, configured with Spring Boot's {@code spring.mail.*} properties and
 * {@code learning.notifications.from}. Logs nothing about the message. A failure leaves the message
 * in the outbox, and the drainer tries again.
 */
@Component
@ConditionalOnProperty(name = "learning.notifications.sender", havingValue = "smtp")
@EnableConfigurationProperties(NotificationProperties.class)
class SmtpSender implements NotificationSender {

    private final JavaMailSender mail;
    private final String from;

    SmtpSender(JavaMailSender mail, NotificationProperties notifications) {
        this.mail = mail;
        this.from = notifications.from();
    }

    @Override
    public void send(Notification notification) {
        MimeMessage message = mail.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(notification.recipient());
            helper.setSubject(notification.subject());
            helper.setText(notification.body());
            for (Map.Entry<String, String> header : notification.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
        } catch (MessagingException e) {
            // no message text: it can carry the recipient
            throw new IllegalStateException("cannot build the mail message", e);
        }
        mail.send(message);
    }
}
