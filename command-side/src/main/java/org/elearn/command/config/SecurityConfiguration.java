package org.elearn.command.config;

import static org.elearn.support.security.SecurityBaseline.anyRole;

import org.elearn.support.security.SecurityBaseline;
import org.elearn.support.web.Problems;
import org.elearn.tenancy.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Public: health, OpenAPI, JWKS, login, self-registration of instructors and of administrators
 * (who then wait for approval), accepting an invitation (the code is the credential), the one-click
 * unsubscribe and the page that asks for it (the signed link is the credential) and withdrawing an
 * account cancellation (email and password: a cancelled account holds no token). Operators alone register organizations and decide on administrators.
 * Everything else: a bearer JWT. Routes for some roles only are refused here, before their body is
 * read, with a 403 naming the roles; the handlers then check the organization (404 for another).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Problems problems,
                                                  NimbusReactiveJwtDecoder decoder) {
        return SecurityBaseline.baseline(http, problems, decoder)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(SecurityBaseline.ALWAYS_PUBLIC).permitAll()
                        .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/api/unsubscribe").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/auth/login", "/api/instructors", "/api/administrators",
                                "/api/registrations/verification", "/api/invitations/acceptance", "/api/unsubscribe",
                                "/api/cancellation/withdrawal")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/organizations", "/api/auditors", "/api/administrators/*/approval",
                                "/api/administrators/*/rejection").access(anyRole(Roles.OPERATOR))
                        .pathMatchers("/actuator/**", "/api/operations/**", "/api/operator/**")
                        .access(anyRole(Roles.OPERATOR))
                        .pathMatchers(HttpMethod.POST, "/api/organizations/*/courses").access(anyRole(Roles.INSTRUCTOR))
                        .pathMatchers(HttpMethod.PUT, "/api/organizations/*/courses/*").access(anyRole(Roles.INSTRUCTOR))
                        .pathMatchers(HttpMethod.POST, "/api/organizations/*/courses/*/publication",
                                "/api/organizations/*/courses/*/archival").access(anyRole(Roles.INSTRUCTOR))
                        .pathMatchers("/api/organizations/*/courses/*/subscription").access(anyRole(Roles.TRAINEE))
                        // the instructor themself (checked by the handler) or an operator
                        .pathMatchers(HttpMethod.PUT, "/api/instructors/*/profile", "/api/instructors/*/public-profile")
                        .access(anyRole(Roles.INSTRUCTOR, Roles.OPERATOR))
                        .pathMatchers("/api/organizations/*/courses/*/assignments", "/api/organizations/*/members/**",
                                "/api/organizations/*/member-imports/**", "/api/organizations/*/invitations/**",
                                "/api/organizations/*/xapi-credentials/**", "/api/organizations/*/retention-policy/**",
                                "/api/organizations/*/rights-requests", "/xapi/agents/erasure")
                        .access(anyRole(Roles.ORG_ADMIN))
                        // the organization's own administrators, or an operator (the handler checks which)
                        .pathMatchers(HttpMethod.POST, "/api/organizations/*/marketing-messages")
                        .access(anyRole(Roles.ORG_ADMIN, Roles.OPERATOR))
                        .anyExchange().authenticated())
                .build();
    }
}
