package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every organization-scoped route, enumerated from both services' handler mappings: an
 * administrator of organization A gets 404 for each resource of organization B, and a trainee of A
 * gets 403 for each administrative route of A. A new route that is not in the table fails the test.
 */
class IsolationTest {

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private Services services;

    private record Route(HttpMethod method, boolean commandSide, String pattern, Object body, MediaType type) {
    }

    private static final String CSV = "name,phone,email,department\r\nIso Late,,iso-%s@b.example,Ops\r\n";

    private static List<Route> routes(String tag) {
        Map<String, Object> edit = Map.of("email", "edited-" + tag + "@b.example");
        Map<String, Object> invite = Map.of("email", "invitee-" + tag + "@b.example", "role", "TRAINEE");
        MediaType json = MediaType.APPLICATION_JSON;
        return List.of(
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/member-imports",
                        CSV.formatted(tag), MediaType.parseMediaType("text/csv")),
                new Route(HttpMethod.GET, true, "/api/organizations/{organizationId}/member-imports/{importId}/errors",
                        null, null),
                new Route(HttpMethod.PUT, true, "/api/organizations/{organizationId}/members/{memberId}", edit, json),
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/members/{memberId}/deactivation",
                        null, null),
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/members/{memberId}/reactivation",
                        null, null),
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/invitations", invite, json),
                new Route(HttpMethod.POST, true,
                        "/api/organizations/{organizationId}/invitations/{invitationId}/resend", null, null),
                new Route(HttpMethod.POST, true,
                        "/api/organizations/{organizationId}/invitations/{invitationId}/revocation", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/administrators", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/members", null, null));
    }

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
    }

    private WebTestClient client(boolean commandSide) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:"
                + (commandSide ? services.commandSidePort() : services.querySidePort())).build();
    }

    private String login(String email, String password) {
        return client(true).post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    private Map<?, ?> post(String token, String uri, Object body, Object... vars) {
        return client(true).post().uri(uri, vars).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    }

    private String approvedAdmin(String operator, UUID organization, String email) {
        Map<?, ?> admin = client(true).post().uri("/api/administrators").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organizationId", organization, "name", "Admin", "email", email,
                        "password", "long-enough-password"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        client(true).post().uri("/api/administrators/{id}/approval", admin.get("administratorId"))
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isNoContent();
        return login(email, "long-enough-password");
    }

    private static Set<String> organizationRoutes(ConfigurableApplicationContext context) {
        return context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet().stream()
                .flatMap((RequestMappingInfo info) -> info.getPatternsCondition().getPatterns().stream()
                        .flatMap(pattern -> info.getMethodsCondition().getMethods().stream()
                                .map(method -> method + " " + pattern.getPatternString())))
                .filter(route -> route.contains("/api/organizations/{organizationId}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void administratorsOfOneOrganizationNeverReachAnothersAndTraineesNeverAdminister() {
        services = Services.start(Map.of("learning.db.url", db.learningUrl(), "learning.db.user", db.user(),
                        "learning.db.password", db.password(), "learning.secrets.dir", "target/iso-secrets",
                        "learning.crypto.kek", TestKeys.KEK, "server.port", 0),
                Map.of("learning.operator.email", "operator@iso.example",
                        "learning.operator.password", "operator-password-111"),
                Map.of());
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<Route> routes = routes(tag);

        Set<String> mapped = new TreeSet<>(organizationRoutes(services.commandSide()));
        mapped.addAll(organizationRoutes(services.querySide()));
        assertThat(mapped).as("every organization-scoped route is in this test's table")
                .isEqualTo(routes.stream().map(r -> r.method() + " " + r.pattern())
                        .collect(Collectors.toCollection(TreeSet::new)));

        String operator = login("operator@iso.example", "operator-password-111");
        UUID a = UUID.fromString(post(operator, "/api/organizations", Map.of("name", "A", "dataRegion", "eu"))
                .get("organizationId").toString());
        UUID b = UUID.fromString(post(operator, "/api/organizations", Map.of("name", "B", "dataRegion", "sg"))
                .get("organizationId").toString());
        String alice = approvedAdmin(operator, a, "alice-" + tag + "@a.example");
        String bob = approvedAdmin(operator, b, "bob-" + tag + "@b.example");

        // resources of B: an import, a member, an invitation
        String importId = client(true).post().uri("/api/organizations/{id}/member-imports", b)
                .headers(h -> h.setBearerAuth(bob)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nBea B,,bea-" + tag + "@b.example,Ops\r\n")
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("importId").toString();
        String invitationId = post(bob, "/api/organizations/{id}/invitations",
                Map.of("email", "ivy-" + tag + "@b.example", "role", "INSTRUCTOR"), b).get("invitationId").toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> client(false).get()
                .uri("/api/organizations/{id}/members", b).headers(h -> h.setBearerAuth(bob)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("total").equals(1));
        String memberId = client(false).get().uri("/api/organizations/{id}/members", b)
                .headers(h -> h.setBearerAuth(bob)).exchange().expectBody(Map.class).returnResult().getResponseBody()
                .get("items").toString().replaceAll(".*memberId=([0-9a-f-]{36}).*", "$1");

        // a trainee of A, through an accepted invitation
        String traineeEmail = "tom-" + tag + "@a.example";
        post(alice, "/api/organizations/{id}/invitations", Map.of("email", traineeEmail, "role", "TRAINEE"), a);
        await().atMost(Duration.ofSeconds(10)).until(() -> !client(true).get()
                .uri("/api/operator/mailbox?recipient={r}", traineeEmail).headers(h -> h.setBearerAuth(operator))
                .exchange().expectBodyList(Map.class).returnResult().getResponseBody().isEmpty());
        String code = client(true).get().uri("/api/operator/mailbox?recipient={r}", traineeEmail)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectBodyList(Map.class).returnResult()
                .getResponseBody().get(0).get("body").toString().replaceAll("(?s).*Your invitation code: (\\S+).*", "$1");
        client(true).post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", "Tom Trainee", "password", "long-enough-password"))
                .exchange().expectStatus().isCreated();
        String trainee = login(traineeEmail, "long-enough-password");

        Map<String, Object> ids = Map.of("importId", importId, "memberId", memberId, "invitationId", invitationId);
        for (Route route : routes) {
            call(route, alice, b, ids).expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            call(route, trainee, a, ids).expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // and the other organization's own administrator does reach them
        call(routes.get(10), bob, b, ids).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec call(Route route, String token, UUID organization, Map<String, Object> ids) {
        Map<String, Object> vars = new java.util.HashMap<>(ids);
        vars.put("organizationId", organization);
        WebTestClient.RequestBodySpec request = client(route.commandSide()).method(route.method())
                .uri(route.pattern(), vars).headers(h -> h.setBearerAuth(token));
        if (route.body() != null) {
            return request.contentType(route.type()).bodyValue(route.body()).exchange();
        }
        return request.exchange();
    }
}
