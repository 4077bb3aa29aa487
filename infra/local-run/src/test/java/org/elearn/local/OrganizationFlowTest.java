package org.elearn.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Organizations and administrators over HTTP, both services: registration, approval, what each
 * administrator may read (their own organization only), their export, and erasure by a fellow
 * administrator.
 */
class OrganizationFlowTest {

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private Services services;

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
    }

    private WebTestClient command() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + services.commandSidePort()).build();
    }

    private WebTestClient query() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + services.querySidePort()).build();
    }

    private String login(String email, String password) {
        return command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    private UUID organization(String operator, String name) {
        return UUID.fromString(command().post().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "dataRegion", "eu"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organizationId").toString());
    }

    private record Admin(UUID id, String email, String token) {
    }

    private Admin approvedAdmin(String operator, UUID organization, String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@org.example";
        UUID id = UUID.fromString(command().post().uri("/api/administrators").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organizationId", organization, "name", name, "email", email,
                        "password", "long-enough-password", "documents", List.of(Map.of("type", "NDA",
                                "uri", "https://files.example/" + name + ".pdf", "sha256", "d".repeat(64)))))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("administratorId").toString());
        command().post().uri("/api/administrators/{id}/approval", id).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isNoContent();
        return new Admin(id, email, login(email, "long-enough-password"));
    }

    /** The account domain end to end: operator, organization, administrator, approval, import, edit, invite, accept, list. */
    @Test
    void membersAreImportedEditedDeactivatedAndListed() {
        services = Services.start(Map.of("learning.db.url", db.learningUrl(), "learning.db.user", db.user(),
                        "learning.db.password", db.password(), "learning.secrets.dir", "target/org-secrets",
                        "learning.crypto.kek", TestKeys.KEK, "server.port", 0),
                Map.of("learning.operator.email", "operator@org.example",
                        "learning.operator.password", "operator-password-000"),
                Map.of());
        String operator = login("operator@org.example", "operator-password-000");
        UUID acme = organization(operator, "Acme Training");
        UUID globex = organization(operator, "Globex Academy");
        Admin alice = approvedAdmin(operator, acme, "Alice");
        Admin bob = approvedAdmin(operator, globex, "Bob");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "name,phone,email,department\r\n"
                + "Zed Zero,,zed-" + tag + "@acme.example,Sales\r\n"
                + "Amy Able,+1 555 0101,amy-" + tag + "@acme.example,Support\r\n"
                + "Mia Mid,,mia-" + tag + "@acme.example,Sales\r\n";
        command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(3);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/members?department=Sales", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].name").isEqualTo("Mia Mid")
                .jsonPath("$.items[1].name").isEqualTo("Zed Zero"));
        String amy = query().get().uri("/api/organizations/{id}/members?q=amy-{t}", acme, tag)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("items").toString()
                .replaceAll(".*memberId=([0-9a-f-]{36}).*", "$1");

        command().put().uri("/api/organizations/{o}/members/{m}", acme, amy).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("nickname", "Ames", "gender", "female", "employeeId", "E-7",
                        "email", "amy.able-" + tag + "@acme.example", "position", "Lead", "entryDate", "2024-02-01",
                        "department", "Sales"))
                .exchange().expectStatus().isNoContent();
        command().post().uri("/api/organizations/{o}/members/{m}/deactivation", acme, amy)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isNoContent();
        command().post().uri("/api/organizations/{o}/members/{m}/deactivation", acme, amy)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isEqualTo(409);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/members?status=DEACTIVATED", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].nickname").isEqualTo("Ames")
                .jsonPath("$.items[0].entryDate").isEqualTo("2024-02-01")
                .jsonPath("$.items[0].email").isEqualTo("amy.able-" + tag + "@acme.example"));
        query().get().uri("/api/organizations/{id}/members?sort=name,desc&size=1&page=1&role=TRAINEE", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].name").isEqualTo("Mia Mid").jsonPath("$.total").isEqualTo(3);
        query().get().uri("/api/organizations/{id}/members?sort=password,asc", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        // an invited instructor joins and is listed with their role
        String ivy = "ivy-" + tag + "@acme.example";
        command().post().uri("/api/organizations/{id}/invitations", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", ivy, "role", "INSTRUCTOR"))
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(10)).until(() -> !command().get()
                .uri("/api/operator/mailbox?recipient={r}", ivy).headers(h -> h.setBearerAuth(operator))
                .exchange().expectBodyList(Map.class).returnResult().getResponseBody().isEmpty());
        String code = command().get().uri("/api/operator/mailbox?recipient={r}", ivy)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectBodyList(Map.class).returnResult()
                .getResponseBody().get(0).get("body").toString().replaceAll("(?s).*Your invitation code: (\\S+).*", "$1");
        command().post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", "Ivy Instructor", "password", "long-enough-password"))
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/members?role=INSTRUCTOR", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Ivy Instructor"));

        // another organization's members do not exist for Bob
        query().get().uri("/api/organizations/{id}/members", acme).headers(h -> h.setBearerAuth(bob.token()))
                .exchange().expectStatus().isNotFound();
        command().put().uri("/api/organizations/{o}/members/{m}", globex, amy).headers(h -> h.setBearerAuth(bob.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", "x-" + tag + "@globex.example"))
                .exchange().expectStatus().isNotFound();
        command().post().uri("/api/organizations/{o}/members/{m}/reactivation", acme, amy)
                .headers(h -> h.setBearerAuth(bob.token())).exchange().expectStatus().isNotFound();
    }

    @Test
    void administratorsSeeOnlyTheirOwnOrganization() {
        services = Services.start(Map.of("learning.db.url", db.learningUrl(), "learning.db.user", db.user(),
                        "learning.db.password", db.password(), "learning.secrets.dir", "target/org-secrets",
                        "learning.crypto.kek", TestKeys.KEK, "server.port", 0),
                Map.of("learning.operator.email", "operator@org.example",
                        "learning.operator.password", "operator-password-000"),
                Map.of());
        String operator = login("operator@org.example", "operator-password-000");
        UUID acme = organization(operator, "Acme Training");
        UUID globex = organization(operator, "Globex Academy");
        Admin alice = approvedAdmin(operator, acme, "Alice");
        Admin arthur = approvedAdmin(operator, acme, "Arthur");
        Admin bob = approvedAdmin(operator, globex, "Bob");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/administrators", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(2));
        query().get().uri("/api/organizations/{id}/administrators", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectBody()
                .jsonPath("$[0].status").isEqualTo("APPROVED")
                .jsonPath("$[0].documents[0].type").isEqualTo("NDA");
        query().get().uri("/api/organizations/{id}", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Acme Training");

        // another organization's resources do not exist for Alice
        query().get().uri("/api/organizations/{id}", globex).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isNotFound();
        query().get().uri("/api/organizations/{id}/administrators", globex)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isNotFound();
        query().get().uri("/api/users/{id}/personal-data", bob.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isNotFound();
        command().post().uri("/api/users/{id}/erasure", bob.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isNotFound();
        query().get().uri("/api/organizations").headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isForbidden();
        query().get().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(2);

        // a fellow administrator reads Arthur's export, then erases him
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> query().get()
                .uri("/api/users/{id}/personal-data", arthur.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.projections.administrator.email").isEqualTo(arthur.email()));
        command().post().uri("/api/users/{id}/erasure", arthur.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/administrators", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectBody().jsonPath("$.length()").isEqualTo(1));
        query().get().uri("/api/users/{id}/personal-data", arthur.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isEqualTo(410);
    }
}
