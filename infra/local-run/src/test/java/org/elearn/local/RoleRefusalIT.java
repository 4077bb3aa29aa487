package org.elearn.local;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who the caller is comes before what they sent: a caller without the route's roles gets 403 even
 * for a malformed body, and every 403 names the roles that would be let through, on both sides.
 */
@ExtendWith(SharedServices.class)
class RoleRefusalIT {

    private final LocalApi api;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    RoleRefusalIT(LocalApi shared) {
        this.api = shared;
    }

    @Test
    void rolesAreCheckedBeforeTheBodyAndEveryRefusalNamesWhoMay() {
        String operator = api.operator();
        UUID organization = api.organization(operator, "Roles Org");
        String admin = api.approvedAdmin(operator, organization, "Rae", "rae-" + tag + "@roles.example").token();
        String trainee = api.joined(operator, admin, organization, "tom-" + tag + "@roles.example", "TRAINEE");
        String instructor = api.joined(operator, admin, organization, "ian-" + tag + "@roles.example", "INSTRUCTOR");

        // a trainee's malformed course, and one that fails validation: refused for the role, not the body
        refused(api.command().post().uri("/api/organizations/{o}/courses", organization)
                .headers(h -> h.setBearerAuth(trainee)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\": ").exchange(), "INSTRUCTOR");
        refused(api.command().post().uri("/api/organizations/{o}/courses", organization)
                .headers(h -> h.setBearerAuth(trainee)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\": \"\"}").exchange(), "INSTRUCTOR");
        // an instructor may draft, so their malformed course is a 400
        api.command().post().uri("/api/organizations/{o}/courses", organization)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\": ").exchange().expectStatus().isBadRequest();
        refused(api.command().post().uri("/api/organizations/{o}/invitations", organization)
                .headers(h -> h.setBearerAuth(trainee)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange(), "ORG_ADMIN");
        refused(api.command().put().uri("/api/instructors/{i}/public-profile", LocalApi.subjectOf(trainee))
                .headers(h -> h.setBearerAuth(trainee)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("[]").exchange(), "INSTRUCTOR", "OPERATOR");
        refused(get(api.command(), admin, "/api/operations/rights-requests/overdue"), "OPERATOR");

        // the learning report is for administrators and trainees (their own row), in every form
        for (String path : List.of("", "/stream", "/export", "/as-of")) {
            refused(get(api.query(), instructor, "/api/organizations/" + organization + "/reports/learning" + path),
                    "ORG_ADMIN", "TRAINEE");
        }
        refused(get(api.query(), trainee, "/api/organizations/" + organization + "/reports/courses"),
                "ORG_ADMIN", "INSTRUCTOR");
        refused(get(api.query(), instructor, "/api/organizations/" + organization + "/reports/organization"),
                "ORG_ADMIN");
        refused(get(api.query(), trainee, "/api/organizations/" + organization + "/members"), "ORG_ADMIN");
        refused(get(api.query(), trainee, "/api/organizations/" + organization), "OPERATOR", "ORG_ADMIN");
        refused(get(api.query(), admin, "/api/audit/verify"), "AUDITOR", "OPERATOR");
        refused(get(api.query(), trainee, "/api/audit/events"), "AUDITOR", "OPERATOR", "ORG_ADMIN");
        refused(get(api.query(), admin, "/api/operations/legal-hold"), "OPERATOR");
    }

    private static WebTestClient.ResponseSpec get(WebTestClient side, String token, String path) {
        return side.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static void refused(WebTestClient.ResponseSpec response, String... allowed) {
        response.expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:forbidden")
                .jsonPath("$.detail").isEqualTo(allowed.length == 1 ? "This needs the " + allowed[0] + " role."
                        : "This needs one of these roles: " + String.join(", ", allowed) + ".")
                .jsonPath("$.allowedRoles").isEqualTo(List.of(allowed));
    }
}
