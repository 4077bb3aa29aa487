package org.elearn.query.config;

import static org.elearn.support.security.SecurityBaseline.anyRole;

import org.elearn.support.privacy.ErasedSubjects;
import org.elearn.support.security.AuthProperties;
import org.elearn.support.security.SecurityBaseline;
import org.elearn.support.security.SessionVersions;
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
 * Tokens are validated against the command side's JWKS (fetched without blocking, then cached).
 * Public: health, OpenAPI, the public instructor profile, the certificate check, and the
 * dashboard page with its sign-in (which passes the login on to the command side), the console's
 * static files, and its pass-through to the command side (which authenticates and authorizes every
 * request it is passed, as when called directly). Routes for some
 * roles only are refused here, before anything is read, with a 403 naming the roles; the handlers
 * then check the organization (404 for another).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    NimbusReactiveJwtDecoder jwtDecoder(AuthProperties auth, ErasedSubjects erased, SessionVersions sessions) {
        return SecurityBaseline.withValidation(NimbusReactiveJwtDecoder.withJwkSetUri(auth.jwksUri()).build(), auth,
                erased, sessions);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, Problems problems,
                                                  NimbusReactiveJwtDecoder decoder) {
        return SecurityBaseline.baseline(http, problems, decoder)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(SecurityBaseline.ALWAYS_PUBLIC).permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/instructors/*", "/api/certificates/*").permitAll()
                        .pathMatchers(HttpMethod.GET, "/dashboard/*").permitAll()
                        .pathMatchers(HttpMethod.POST, "/dashboard/login").permitAll()
                        .pathMatchers(HttpMethod.GET, "/console/**").permitAll()
                        .pathMatchers("/console/command/**").permitAll()
                        .pathMatchers("/actuator/**", "/api/operations/**").access(anyRole(Roles.OPERATOR))
                        .pathMatchers(HttpMethod.GET, "/api/organizations").access(anyRole(Roles.OPERATOR))
                        .pathMatchers(HttpMethod.GET, "/api/organizations/*", "/api/organizations/*/administrators")
                        .access(anyRole(Roles.OPERATOR, Roles.ORG_ADMIN))
                        .pathMatchers("/api/organizations/*/reports/learning/**")
                        .access(anyRole(Roles.ORG_ADMIN, Roles.TRAINEE))
                        .pathMatchers("/api/organizations/*/reports/courses/**")
                        .access(anyRole(Roles.ORG_ADMIN, Roles.INSTRUCTOR))
                        .pathMatchers("/api/organizations/*/reports/organization/**", "/api/organizations/*/members/**")
                        .access(anyRole(Roles.ORG_ADMIN))
                        .pathMatchers("/api/audit/verify", "/api/audit/checkpoints", "/api/audit/signing-key")
                        .access(anyRole(Roles.AUDITOR, Roles.OPERATOR))
                        .pathMatchers("/api/audit/events", "/api/audit/event-types")
                        .access(anyRole(Roles.AUDITOR, Roles.OPERATOR, Roles.ORG_ADMIN))
                        .anyExchange().authenticated())
                .build();
    }
}
