package org.elearn.support.security;

import java.util.Arrays;
import java.util.List;
import org.elearn.support.errors.EdgeErrors;
import org.elearn.support.privacy.ErasedSubjects;
import org.elearn.support.web.Problems;
import org.elearn.tenancy.Roles;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorityReactiveAuthorizationManager;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import reactor.core.publisher.Mono;

/**
 * The security both services share: stateless bearer JWTs (RS256, issuer, audience, expiry checked),
 * roles from the {@code roles} claim, and problem+json for 401 and 403. Each service adds its own
 * public routes and its role rules ({@link #anyRole}), which run before any body is read, so who the
 * caller is gets checked before what they sent.
 */
public final class SecurityBaseline {

    /** Paths open to everyone on both sides: health probes and the OpenAPI document. */
    public static final String[] ALWAYS_PUBLIC = {"/actuator/health", "/actuator/health/**", "/v3/api-docs",
            "/v3/api-docs/**"};

    /** Exchange attribute in which a refusing {@link #anyRole} rule leaves the roles it lets through. */
    private static final String ALLOWED_ROLES = SecurityBaseline.class.getName() + ".allowedRoles";

    private SecurityBaseline() {
    }

    /**
     * A rule for {@code authorizeExchange}: lets through a bearer of any of these roles. A refused
     * caller gets the 403 of {@link Caller#forbidden}, which names these roles.
     */
    public static ReactiveAuthorizationManager<AuthorizationContext> anyRole(Roles... allowed) {
        ReactiveAuthorizationManager<AuthorizationContext> roles = AuthorityReactiveAuthorizationManager
                .hasAnyRole(Arrays.stream(allowed).map(Roles::name).toArray(String[]::new));
        return (authentication, context) -> roles.check(authentication, context).doOnNext(decision -> {
            if (!decision.isGranted()) {
                context.getExchange().getAttributes().put(ALLOWED_ROLES, allowed);
            }
        });
    }

    /** A 403 naming the roles the refusing rule lets through. */
    private static ServerAccessDeniedHandler accessDenied(Problems problems) {
        return (exchange, e) -> {
            Roles[] allowed = exchange.getAttribute(ALLOWED_ROLES);
            return problems.write(exchange, allowed == null
                    ? problems.toProblem(EdgeErrors.FORBIDDEN.refusal("Your roles do not allow this."))
                    : problems.toProblem(Caller.forbidden(allowed)));
        };
    }

    /**
     * Checks issuer, audience, the validity window, that the subject has not been erased, and that
     * the token's session has not been revoked by a password change.
     */
    public static OAuth2TokenValidator<Jwt> validator(AuthProperties auth, ErasedSubjects erased,
                                                      SessionVersions sessions) {
        OAuth2TokenValidator<Jwt> currentSession = jwt -> sessions.isCurrent(jwt.getSubject(),
                jwt.getClaim(SessionVersions.CLAIM))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The session was revoked.", null));
        OAuth2TokenValidator<Jwt> notErased = jwt -> erased.contains(jwt.getSubject())
                ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The user was erased.", null))
                : OAuth2TokenValidatorResult.success();
        OAuth2TokenValidator<Jwt> audience = jwt -> {
            List<String> audiences = jwt.getAudience();
            return audiences != null && audiences.contains(auth.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(
                            new OAuth2Error("invalid_token", "The token is not meant for this API.", null));
        };
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(auth.issuer()), audience,
                notErased, currentSession);
    }

    /** Applies the validator to a decoder. */
    public static NimbusReactiveJwtDecoder withValidation(NimbusReactiveJwtDecoder decoder, AuthProperties auth,
                                                          ErasedSubjects erased, SessionVersions sessions) {
        decoder.setJwtValidator(validator(auth, erased, sessions));
        return decoder;
    }

    public static Converter<Jwt, Mono<AbstractAuthenticationToken>> authenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(Roles.CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * Applies the baseline to {@code http}; the caller then adds its own {@code authorizeExchange}
     * rules and builds the chain.
     */
    public static ServerHttpSecurity baseline(ServerHttpSecurity http, Problems problems,
                                              NimbusReactiveJwtDecoder decoder) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> problems.wrongSide(exchange)
                                .map(wrongSide -> problems.write(exchange, wrongSide))
                                .orElseGet(() -> {
                                    exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                                    return problems.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED,
                                            "unauthenticated", "A valid bearer token is required."));
                                }))
                        .accessDeniedHandler(accessDenied(problems)))
                .oauth2ResourceServer(resource -> resource
                        .authenticationEntryPoint((exchange, e) -> {
                            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                                    "Bearer error=\"invalid_token\"");
                            return problems.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED,
                                    "invalid-token", "The bearer token is missing, expired or not valid here."));
                        })
                        .accessDeniedHandler(accessDenied(problems))
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(authenticationConverter())));
    }
}
