package org.elearn.command.config;

import org.elearn.support.security.Roles;
import org.elearn.support.security.SecurityBaseline;
import org.elearn.support.web.Problems;
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
 * Everything else: a bearer JWT.
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
                                "/api/invitations/acceptance", "/api/unsubscribe", "/api/cancellation/withdrawal")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/organizations", "/api/auditors", "/api/administrators/*/approval",
                                "/api/administrators/*/rejection").hasRole(Roles.OPERATOR.name())
                        .pathMatchers("/actuator/**").hasRole(Roles.OPERATOR.name())
                        .anyExchange().authenticated())
                .build();
    }
}
