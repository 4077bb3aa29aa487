package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;

/**
 * The console's static files and its pass-through to the command side ({@code /console/command/...}
 * on the query side), over HTTP without a browser: the page's Content-Security-Policy, command-side
 * routes answered as the command side answers them (bodies streamed both ways, problem+json passed
 * on), and nothing else reachable through it.
 */
@ExtendWith(SharedServices.class)
class ConsolePassThroughIT {

    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    @Test
    void theConsoleIsServedUnderItsPolicy(LocalApi api) {
        for (String file : new String[] {"/console/index.html", "/console/app.js", "/console/core/api.js"}) {
            api.query().get().uri(file).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("Content-Security-Policy", POLICY);
        }
        String index = api.query().get().uri("/console/index.html").exchange().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(index).doesNotContain("<script>").doesNotContain("style=").doesNotContainPattern(" on\\w+=");
    }

    @Test
    void commandSideRoutesAnswerThroughThePassThroughAsTheyDoDirectly(LocalApi api) {
        String token = api.query().post().uri("/console/command/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", LocalApi.OPERATOR_EMAIL, "password", LocalApi.OPERATOR_PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
        api.query().get().uri("/console/command/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.roles[0]").isEqualTo("OPERATOR");
        // a path both sides serve, told apart by method: the command side's PUT passes and answers
        api.query().put().uri("/console/command/api/me/profile").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:validation-failed");
        api.query().post().uri("/console/command/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", LocalApi.OPERATOR_EMAIL, "password", "not-the-password"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-credentials");

        // a CSV upload streams through whole, and its error file streams back
        LocalApi.TrainingOrganization organization = api.organizationWithTrainees(token, "Pass Org", "Pia",
                "pass.example", java.util.List.of());
        Map<String, Object> result = api.query().post().uri("/console/command/api/organizations/{o}/member-imports", organization.id())
                .headers(h -> h.setBearerAuth(organization.admin())).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nAnn,,ann-" + organization.tag() + "@pass.example,Sales\r\n"
                        + "Bad,,not-an-email,Sales\r\n")
                .exchange().expectStatus().isOk().expectBody(new org.springframework.core.ParameterizedTypeReference<
                        Map<String, Object>>() { }).returnResult().getResponseBody();
        assertThat(result).containsEntry("created", 1).containsEntry("failed", 1);
        api.query().get().uri("/console/command/api/organizations/{o}/member-imports/{i}/errors", organization.id(),
                        result.get("importId")).headers(h -> h.setBearerAuth(organization.admin())).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).value(csv -> assertThat(csv.lines()).hasSize(2).first().isEqualTo("row,reason"));
    }

    @Test
    void onlyTheCommandSidesRoutesPassThrough(LocalApi api) {
        String token = api.operator();
        // the query side's own routes, the services' own endpoints, the command side's routes outside
        // /api/, and paths that would change on the way
        for (String route : new String[] {"GET /actuator/health", "GET /api/organizations", "GET /v3/api-docs",
                "GET /xapi/about", "GET /.well-known/jwks.json", "GET /api/me/profile",
                "POST /api/users/%2e%2e/erasure", "POST /api/users/a%2Fb/erasure", "POST /api/users/../api/erasure"}) {
            String[] parts = route.split(" ");
            api.query().method(org.springframework.http.HttpMethod.valueOf(parts[0]))
                    .uri(java.net.URI.create("http://localhost:" + api.services().querySidePort() + "/console/command"
                            + parts[1]))
                    .headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().value(status -> assertThat(status).as(route).isIn(400, 404))
                    .expectBody().jsonPath("$.type").value(type -> assertThat(type).as(route).isIn(
                            "urn:elearn:problem:not-a-command-route", "urn:elearn:problem:invalid-characters",
                            "urn:elearn:problem:malformed-request"));
        }
    }
}
