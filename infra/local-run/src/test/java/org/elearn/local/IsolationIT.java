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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every organization-scoped route, enumerated from both services' handler mappings: an
 * administrator of organization A gets 404 for each resource of organization B (403 for the
 * instructors' and trainees' routes, which no administrator may call anywhere), and a trainee of A
 * gets 403 for each administrative (or course-writing) route of A. A new route that is not in the
 * table fails the test.
 */
@ExtendWith(SharedServices.class)
class IsolationIT {

    private final LocalApi api;

    IsolationIT(LocalApi shared) {
        this.api = shared;
    }

    /**
     * A route, what a trainee of the route's own organization gets from it (403 for administrative
     * ones), and what another organization's administrator gets: 404, or 403 where no administrator
     * may call it in any organization (roles are checked first, and say nothing about the organization).
     */
    private record Route(HttpMethod method, boolean commandSide, String pattern, Object body, MediaType type,
                         int trainee, int outsider) {

        Route(HttpMethod method, boolean commandSide, String pattern, Object body, MediaType type) {
            this(method, commandSide, pattern, body, type, 403);
        }

        Route(HttpMethod method, boolean commandSide, String pattern, Object body, MediaType type, int trainee) {
            this(method, commandSide, pattern, body, type, trainee, 404);
        }

        /** For instructors only: administrators and trainees alike are refused for their roles. */
        static Route instructors(HttpMethod method, String pattern, Object body, MediaType type) {
            return new Route(method, true, pattern, body, type, 403, 403);
        }

        /** For trainees only: administrators are refused for their roles; B's course does not exist in A. */
        static Route trainees(HttpMethod method, String pattern) {
            return new Route(method, true, pattern, null, null, 404, 403);
        }
    }

    private static final String CSV = "name,phone,email,department\r\nIso Late,,iso-%s@b.example,Ops\r\n";

    private static List<Route> routes(String tag) {
        Map<String, Object> edit = Map.of("email", "edited-" + tag + "@b.example");
        Map<String, Object> invite = Map.of("email", "invitee-" + tag + "@b.example", "role", "TRAINEE");
        MediaType json = MediaType.APPLICATION_JSON;
        Map<String, Object> course = Map.of("title", "T", "language", "en", "sections", List.of(Map.of("title", "S",
                "lessons", List.of(Map.of("title", "L", "kind", "QUIZ")))));
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
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/members", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/members/export", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/departments", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/invitations", null, null),
                Route.instructors(HttpMethod.POST, "/api/organizations/{organizationId}/courses", course, json),
                Route.instructors(HttpMethod.PUT, "/api/organizations/{organizationId}/courses/{courseId}", course,
                        json),
                Route.instructors(HttpMethod.POST, "/api/organizations/{organizationId}/courses/{courseId}/publication",
                        null, null),
                Route.instructors(HttpMethod.POST, "/api/organizations/{organizationId}/courses/{courseId}/archival",
                        null, null),
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/courses/{courseId}/assignments",
                        Map.of("departments", List.of("Ops")), json),
                // what trainees do: B's course does not exist in A
                Route.trainees(HttpMethod.POST, "/api/organizations/{organizationId}/courses/{courseId}/subscription"),
                Route.trainees(HttpMethod.DELETE, "/api/organizations/{organizationId}/courses/{courseId}/subscription"),
                // what members read: a trainee sees A's catalog; B's course does not exist in A
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/catalog", null, null, 200),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/courses/{courseId}", null, null,
                        404),
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/xapi-credentials",
                        Map.of("label", "LMS"), json),
                new Route(HttpMethod.POST, true, "/api/organizations/{organizationId}/marketing-messages",
                        Map.of("subject", "News", "text", "Hello"), json),
                new Route(HttpMethod.GET, true, "/api/organizations/{organizationId}/xapi-credentials", null, null),
                new Route(HttpMethod.DELETE, true, "/api/organizations/{organizationId}/xapi-credentials/{key}", null,
                        null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/learning", null, null,
                        200),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/learning/export", null,
                        null, 200),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/learning/stream", null,
                        null, 200),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/courses/stream", null,
                        null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/organization/stream",
                        null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/courses", null, null),
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/organization", null,
                        null),
                // a trainee may read their own row; without "at" that is a 400, checked after access
                new Route(HttpMethod.GET, false, "/api/organizations/{organizationId}/reports/learning/as-of", null,
                        null, 400),
                new Route(HttpMethod.PUT, true, "/api/organizations/{organizationId}/retention-policy",
                        Map.of("afterInactivityDays", 3650), MediaType.APPLICATION_JSON),
                new Route(HttpMethod.GET, true, "/api/organizations/{organizationId}/retention-policy", null, null),
                new Route(HttpMethod.GET, true, "/api/organizations/{organizationId}/retention-policy/dry-run", null,
                        null),
                new Route(HttpMethod.GET, true, "/api/organizations/{organizationId}/rights-requests", null, null));
    }

    private Map<?, ?> post(String token, String uri, Object body, Object... vars) {
        return api.command().post().uri(uri, vars).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Set<String> organizationRoutes(ConfigurableApplicationContext context) {
        return LocalApi.routes(context).stream()
                .filter(route -> route.contains("/api/organizations/{organizationId}"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void administratorsOfOneOrganizationNeverReachAnothersAndTraineesNeverAdminister() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<Route> routes = routes(tag);

        Set<String> mapped = new TreeSet<>(organizationRoutes(api.services().commandSide()));
        mapped.addAll(organizationRoutes(api.services().querySide()));
        assertThat(mapped).as("every organization-scoped route is in this test's table")
                .isEqualTo(routes.stream().map(r -> r.method() + " " + r.pattern())
                        .collect(Collectors.toCollection(TreeSet::new)));

        String operator = api.operator();
        UUID a = api.organization(operator, "A");
        UUID b = api.organization(operator, "B");
        String alice = api.approvedAdmin(operator, a, "Alice", "alice-" + tag + "@a.example").token();
        String bob = api.approvedAdmin(operator, b, "Bob", "bob-" + tag + "@b.example").token();

        // resources of B: an import, a member, an invitation
        String importId = api.command().post().uri("/api/organizations/{id}/member-imports", b)
                .headers(h -> h.setBearerAuth(bob)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nBea B,,bea-" + tag + "@b.example,Ops\r\n")
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("importId").toString();
        String invitationId = post(bob, "/api/organizations/{id}/invitations",
                Map.of("email", "ivy-" + tag + "@b.example", "role", "INSTRUCTOR"), b).get("invitationId").toString();
        String ivyEmail = "ivan-" + tag + "@b.example";
        post(bob, "/api/organizations/{id}/invitations", Map.of("email", ivyEmail, "role", "INSTRUCTOR"), b);
        api.accept(api.invitationCode(operator, ivyEmail), "Ivan Instructor");
        String ivan = api.login(ivyEmail, "long-enough-password");
        String courseId = post(ivan, "/api/organizations/{id}/courses", Map.of("title", "B course", "language", "en",
                "sections", List.of()), b).get("courseId").toString();
        // Bea, the imported member (Ivan, who accepted an invitation, is a member too)
        await().atMost(Duration.ofSeconds(60)).until(() -> api.query().get()
                .uri("/api/organizations/{id}/members?q={q}", b, "Bea B").headers(h -> h.setBearerAuth(bob)).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("total").equals(1));
        String memberId = api.query().get().uri("/api/organizations/{id}/members?q={q}", b, "Bea B")
                .headers(h -> h.setBearerAuth(bob)).exchange().expectBody(Map.class).returnResult().getResponseBody()
                .get("items").toString().replaceAll(".*memberId=([0-9a-f-]{36}).*", "$1");

        // a trainee of A, through an accepted invitation
        String traineeEmail = "tom-" + tag + "@a.example";
        post(alice, "/api/organizations/{id}/invitations", Map.of("email", traineeEmail, "role", "TRAINEE"), a);
        api.accept(api.invitationCode(operator, traineeEmail), "Tom Trainee");
        String trainee = api.login(traineeEmail, "long-enough-password");

        String key = post(bob, "/api/organizations/{id}/xapi-credentials", Map.of("label", "B LMS"), b)
                .get("key").toString();
        Map<String, Object> ids = Map.of("importId", importId, "memberId", memberId, "invitationId", invitationId,
                "courseId", courseId, "key", key);
        for (Route route : routes) {
            call(route, alice, b, ids).expectStatus().isEqualTo(route.outsider())
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            WebTestClient.ResponseSpec asTrainee = call(route, trainee, a, ids).expectStatus().isEqualTo(route.trainee());
            if (route.trainee() >= 400) {
                asTrainee.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
        // and the other organization's own administrator does reach them
        call(routes.get(10), bob, b, ids).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec call(Route route, String token, UUID organization, Map<String, Object> ids) {
        Map<String, Object> vars = new java.util.HashMap<>(ids);
        vars.put("organizationId", organization);
        WebTestClient.RequestBodySpec request = api.side(route.commandSide()).method(route.method())
                .uri(route.pattern(), vars).headers(h -> h.setBearerAuth(token));
        if (route.body() != null) {
            return request.contentType(route.type()).bodyValue(route.body()).exchange();
        }
        return request.exchange();
    }
}
