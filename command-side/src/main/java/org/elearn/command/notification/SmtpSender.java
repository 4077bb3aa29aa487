package org.elearn.command.notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends notifications by SMTP, configured with Spring Boot's {@code spring.mail.*} properties and
 * {@code learning.notifications.from}. Logs nothing about the message. A failure leaves the message
 * in the outbox, and the drainer tries again.
 */
@Component
@ConditionalOnProperty(name = "learning.notifications.sender", havingValue = "smtp")
class SmtpSender implements NotificationSender {

    private final JavaMailSender mail;
    private final String from;

    SmtpSender(JavaMailSender mail, @Value("${learning.notifications.from}") String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(Notification notification) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(notification.recipient());
        message.setSubject(notification.subject());
        message.setText(notification.body());
        mail.send(message);
    }
}
