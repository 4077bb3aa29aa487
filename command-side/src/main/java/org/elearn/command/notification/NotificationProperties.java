package org.elearn.command.notification;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.notifications.*} of the SMTP sender, bound only when
 * {@code learning.notifications.sender} is {@code smtp}; with {@code spring.mail.*}.
 *
 * @param from the sender address of every mail
 */
@Validated
@ConfigurationProperties("learning.notifications")
record NotificationProperties(@NotBlank String from) {
}
