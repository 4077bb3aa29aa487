package org.elearn.query.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning.dashboard.*}.
 *
 * @param loginUri where the dashboard's sign-in passes the login on (the command side's
 *                 {@code /api/auth/login}); empty: the host of {@code learning.auth.jwks-uri}
 */
@ConfigurationProperties("learning.dashboard")
record DashboardProperties(@DefaultValue("") String loginUri) {
}
