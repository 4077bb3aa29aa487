package org.elearn.command.xapi.protocol;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elearn.command.CommandErrors;
import org.elearn.command.xapi.credentials.IngestionCredentials;
import org.elearn.command.xapi.credentials.XapiOrigins;
import org.elearn.command.xapi.credentials.XapiScope;
import org.elearn.support.errors.DomainException;
import org.elearn.support.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The LRS's resources ({@code /xapi/statements}, the State and profile documents, Agents and
 * Activities) authenticate with an organization's ingestion credential as HTTP Basic, as xAPI
 * clients expect; every other route (including {@code /xapi/agents/erasure}) keeps the bearer-token
 * chain. Each request needs a scope of the credential's that its method and path accept
 * ({@link XapiScope#accepting}); otherwise {@code 403 insufficient-scope}. A browser's request
 * (with {@code Origin}) must come from an origin its own credential lists; otherwise
 * {@code 403 origin-not-allowed}. About ({@code GET /xapi/about}) is open to anyone.
 */
@Configuration(proxyBeanMethods = false)
class XapiSecurityConfiguration {

    static final String ROLE = "ROLE_XAPI_CLIENT";
    /** The LRS's resources, which xAPI clients reach with the credential; About and agent erasure are not among them. */
    static final String[] BASIC_PATHS = {"/xapi/statements", "/xapi/activities", "/xapi/activities/**",
        "/xapi/agents", "/xapi/agents/profile"};
    /** The chain's paths: the resources, and About, which anyone may read. */
    private static final String[] PATHS = java.util.stream.Stream.concat(java.util.Arrays.stream(BASIC_PATHS),
            java.util.stream.Stream.of(XapiAboutController.PATH)).toArray(String[]::new);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain xapiStatementsChain(ServerHttpSecurity http, Problems problems,
                                               IngestionCredentials credentials) {
        ServerAuthenticationEntryPoint entryPoint = (exchange, e) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"xAPI\"");
            return problems.write(exchange, Problems.problem(HttpStatus.UNAUTHORIZED, "invalid-credential",
                    "A valid ingestion credential (HTTP Basic key and secret) is required."));
        };
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(PATHS))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .httpBasic(basic -> basic.authenticationManager(manager(credentials)).authenticationEntryPoint(entryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((exchange, denied) -> refusal(exchange)
                                .flatMap(refusal -> problems.write(exchange, problems.toProblem(refusal)))))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, XapiAboutController.PATH).permitAll()
                        .pathMatchers(HttpMethod.HEAD, XapiAboutController.PATH).permitAll()
                        .anyExchange().access(XapiSecurityConfiguration::decide))
                .build();
    }

    /**
     * Granted when the credential holds a scope the method and path accept and, for a browser's
     * request (with {@code Origin}), allows that origin.
     */
    private static Mono<AuthorizationDecision> decide(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerHttpRequest request = context.getExchange().getRequest();
        Set<XapiScope> accepted = XapiScope.accepting(request.getMethod(), request.getPath().pathWithinApplication().value());
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .filter(IngestionCredentials.Credential.class::isInstance)
                .map(principal -> (IngestionCredentials.Credential) principal)
                .map(credential -> new AuthorizationDecision(originAllowed(credential, request)
                        && credential.holdsAnyOf(accepted)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static boolean originAllowed(IngestionCredentials.Credential credential, ServerHttpRequest request) {
        String origin = request.getHeaders().getOrigin();
        return origin == null || XapiOrigins.normalize(origin).filter(credential::allowsOrigin).isPresent();
    }

    /** Why an authenticated request was refused: its origin, or the scopes that would have let it through. */
    private static Mono<DomainException> refusal(ServerWebExchange exchange) {
        return exchange.getPrincipal()
                .filter(Authentication.class::isInstance)
                .map(authentication -> ((Authentication) authentication).getPrincipal())
                .filter(IngestionCredentials.Credential.class::isInstance)
                .filter(credential -> !originAllowed((IngestionCredentials.Credential) credential, exchange.getRequest()))
                .map(credential -> CommandErrors.ORIGIN_NOT_ALLOWED.refusal(
                        "This credential does not allow pages from this origin."))
                .switchIfEmpty(Mono.fromSupplier(() -> scopeRefusal(exchange)));
    }

    private static DomainException scopeRefusal(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> accepted = XapiScope.accepting(request.getMethod(), request.getPath().pathWithinApplication().value())
                .stream().map(XapiScope::xapiName).toList();
        return CommandErrors.INSUFFICIENT_SCOPE.refusal("This credential's scopes do not allow " + request.getMethod()
                + " here; it needs one of " + accepted + ".", Map.of("acceptedScopes", accepted));
    }

    /** A cached credential is checked on the event loop; an uncached one is looked up off it. */
    private static ReactiveAuthenticationManager manager(IngestionCredentials credentials) {
        return authentication -> {
            String key = authentication.getName();
            String secret = String.valueOf(authentication.getCredentials());
            return Mono.justOrEmpty(credentials.cachedCheck(key, secret))
                    .switchIfEmpty(Mono.fromCallable(() -> credentials.authenticate(key, secret))
                            .subscribeOn(Schedulers.boundedElastic()))
                    .flatMap(Mono::justOrEmpty)
                    .switchIfEmpty(Mono.error(new BadCredentialsException("invalid ingestion credential")))
                    .map(credential -> new UsernamePasswordAuthenticationToken(credential, null,
                            List.of(new SimpleGrantedAuthority(ROLE))));
        };
    }
}
