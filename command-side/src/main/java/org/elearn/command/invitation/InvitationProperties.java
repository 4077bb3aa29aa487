package org.elearn.command.invitation;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.invitations.*}.
 *
 * @param validity how long an invitation code works
 */
@Validated
@ConfigurationProperties("learning.invitations")
record InvitationProperties(@DefaultValue("7d") @DurationMin(seconds = 1) Duration validity) {
}
