package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Organizations and administrators over HTTP, both services: registration, approval, what each
 * administrator may read (their own organization only), their export, and erasure by a fellow
 * administrator.
 */
@ExtendWith(SharedServices.class)
class OrganizationFlowIT {

    /** The shared services: each test works in organizations of its own. */
    private static LocalApi api;

    @BeforeAll
    static void start(LocalApi shared) {
        api = shared;
    }

    private WebTestClient command() {
        return api.command();
    }

    private WebTestClient query() {
        return api.query();
    }

    @Test
    void coursesAreDraftedPublishedListedAndArchived() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String instructor = api.joined(operator, alice.token(), acme, "ian-" + tag + "@acme.example", "INSTRUCTOR");
        String trainee = api.joined(operator, alice.token(), acme, "tia-" + tag + "@acme.example", "TRAINEE");
        Map<String, Object> course = Map.of("title", "Forklift Safety", "language", "en", "sections", List.of(
                Map.of("title", "Basics", "lessons", List.of(
                        Map.of("title", "Welcome", "kind", "VIDEO", "contentUri", "https://v.example/1",
                                "durationMinutes", 5),
                        Map.of("title", "Final exam", "kind", "EXAM", "passingScore", 80)))));

        command().post().uri("/api/organizations/{o}/courses", acme).headers(h -> h.setBearerAuth(instructor))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("title", "Bad", "language", "en",
                        "sections", List.of(Map.of("title", "S", "lessons", List.of(
                                Map.of("title", "Exam", "kind", "EXAM")))))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-lesson");
        command().post().uri("/api/organizations/{o}/courses", acme).headers(h -> h.setBearerAuth(trainee))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(course).exchange().expectStatus().isForbidden();
        String courseId = command().post().uri("/api/organizations/{o}/courses", acme)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON).bodyValue(course)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();

        // a draft is the instructor's alone
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{o}/courses/{c}", acme, courseId).headers(h -> h.setBearerAuth(instructor))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DRAFT"));
        query().get().uri("/api/organizations/{o}/courses/{c}", acme, courseId).headers(h -> h.setBearerAuth(trainee))
                .exchange().expectStatus().isNotFound();

        command().post().uri("/api/organizations/{o}/courses/{c}/publication", acme, courseId)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isNoContent();
        command().put().uri("/api/organizations/{o}/courses/{c}", acme, courseId)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON).bodyValue(course)
                .exchange().expectStatus().isEqualTo(409);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{o}/catalog", acme).headers(h -> h.setBearerAuth(trainee))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].title").isEqualTo("Forklift Safety")
                .jsonPath("$[0].sections[0].lessons[1].passingScore").isEqualTo(80));

        // enrolment: by department, by member, and by the trainee themself
        command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nSal Sales,,sal-" + tag + "@acme.example,Sales\r\n"
                        + "Opi Ops,,opi-" + tag + "@acme.example,Ops\r\n")
                .exchange().expectStatus().isOk();
        command().post().uri("/api/organizations/{o}/courses/{c}/assignments", acme, courseId)
                .headers(h -> h.setBearerAuth(alice.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("departments", List.of("Sales"))).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.enrolled").isEqualTo(1).jsonPath("$.alreadyEnrolled").isEqualTo(0);
        command().post().uri("/api/organizations/{o}/courses/{c}/assignments", acme, courseId)
                .headers(h -> h.setBearerAuth(alice.token())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("memberIds", List.of(UUID.randomUUID()))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unknown-member");
        command().post().uri("/api/organizations/{o}/courses/{c}/subscription", acme, courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();
        command().post().uri("/api/organizations/{o}/courses/{c}/subscription", acme, courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get().uri("/api/me/enrolments")
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].title").isEqualTo("Forklift Safety").jsonPath("$[0].source").isEqualTo("SUBSCRIBED"));
        command().delete().uri("/api/organizations/{o}/courses/{c}/subscription", acme, courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isNoContent();
        command().delete().uri("/api/organizations/{o}/courses/{c}/subscription", acme, courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isEqualTo(409);
        command().post().uri("/api/organizations/{o}/courses/{c}/subscription", acme, courseId)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isForbidden();

        command().post().uri("/api/organizations/{o}/courses/{c}/archival", acme, courseId)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isNoContent();
        command().post().uri("/api/organizations/{o}/courses/{c}/subscription", acme, courseId)
                .headers(h -> h.setBearerAuth(trainee)).exchange().expectStatus().isEqualTo(409);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{o}/catalog", acme).headers(h -> h.setBearerAuth(trainee))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0));
    }


    /** The account domain end to end: operator, organization, administrator, approval, import, edit, invite, accept, list. */
    @Test
    void membersAreImportedEditedDeactivatedAndListed() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        UUID globex = api.organization(operator, "Globex Academy");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        LocalApi.Admin bob = api.approvedAdmin(operator, globex, "Bob", "bob-" + UUID.randomUUID() + "@org.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "name,phone,email,department\r\n"
                + "Zed Zero,,zed-" + tag + "@acme.example,Sales\r\n"
                + "Amy Able,+1 555 0101,amy-" + tag + "@acme.example,Support\r\n"
                + "Mia Mid,,mia-" + tag + "@acme.example,Sales\r\n";
        command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.created").isEqualTo(3);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/members?department=Sales", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].name").isEqualTo("Mia Mid")
                .jsonPath("$.items[1].name").isEqualTo("Zed Zero"));
        // Amy is on another segment than the Sales members awaited above: wait for her own view
        String amy = api.memberId(alice.token(), acme, "Amy Able").toString();

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

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
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
        api.accept(api.invitationCode(operator, ivy), "Ivy Instructor");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/members?role=INSTRUCTOR", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Ivy Instructor"));

        // the export streams CSV with formula-like cells neutralized; stored values stay as given
        command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\n=HYPERLINK(\"x\"),,formula-" + tag + "@acme.example,@Ops\r\n")
                .exchange().expectStatus().isOk();
        // emails are sealed at rest: the search finds a whole email (any case) through its blind index
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/members?q={q}", acme, " Formula-" + tag + "@ACME.example")
                .headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectBody().jsonPath("$.items[0].name").isEqualTo("=HYPERLINK(\"x\")"));
        query().get().uri("/api/organizations/{id}/members?q=formula-", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
        query().get().uri("/api/organizations/{id}/members?sort=email,asc", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String exported = query().get().uri("/api/organizations/{id}/members/export", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
                .expectBody(String.class).returnResult().getResponseBody();
        org.assertj.core.api.Assertions.assertThat(exported)
                .startsWith("name,email,phone,department,role,status,employeeId,position,entryDate\r\n")
                .contains("\"'=HYPERLINK(\"\"x\"\")\",formula-" + tag + "@acme.example,,'@Ops,TRAINEE,ACTIVE")
                .doesNotContain(",=HYPERLINK").doesNotContain(",@Ops");

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
    @SuppressWarnings("unchecked")
    void anAddressHeldByAnAdministratorElsewhereIsImportedAndListedLikeAFreshOne() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        UUID globex = api.organization(operator, "Globex Academy");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        LocalApi.Admin bob = api.approvedAdmin(operator, globex, "Bob", "bob-" + UUID.randomUUID() + "@org.example");
        String fresh = "fresh-" + UUID.randomUUID() + "@org.example";
        command().post().uri("/api/organizations/{id}/member-imports", acme).headers(h -> h.setBearerAuth(alice.token()))
                .contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue("name,phone,email,department\r\nPat Person,," + bob.email() + ",Sales\r\n"
                        + "Pat Person,," + fresh + ",Sales\r\n")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.created").isEqualTo(2).jsonPath("$.failed").isEqualTo(0);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> items = (List<Map<String, Object>>) query().get()
                    .uri("/api/organizations/{id}/members", acme)
                    .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("items");
            org.assertj.core.api.Assertions.assertThat(items).extracting(item -> item.get("email"))
                    .containsExactlyInAnyOrder(bob.email(), fresh);
            List<Map<String, Object>> rest = items.stream().map(item -> {
                Map<String, Object> fields = new java.util.HashMap<>(item);
                fields.keySet().removeAll(List.of("memberId", "email", "joinedAt"));
                return fields;
            }).toList();
            org.assertj.core.api.Assertions.assertThat(rest.get(0)).isEqualTo(rest.get(1));
        });
        // Bob's own login is untouched
        api.login(bob.email(), "long-enough-password");
    }

    @Test
    void administratorsSeeOnlyTheirOwnOrganization() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Training");
        UUID globex = api.organization(operator, "Globex Academy");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        LocalApi.Admin arthur = api.approvedAdmin(operator, acme, "Arthur", "arthur-" + UUID.randomUUID() + "@org.example");
        LocalApi.Admin bob = api.approvedAdmin(operator, globex, "Bob", "bob-" + UUID.randomUUID() + "@org.example");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/administrators", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].status").isEqualTo("APPROVED")
                .jsonPath("$[1].status").isEqualTo("APPROVED")
                .jsonPath("$[0].documents[0].type").isEqualTo("NDA"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get().uri("/api/organizations/{id}", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Acme Training"));

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
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get().uri("/api/organizations")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].organizationId").value(ids -> assertThat(ids)
                        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .contains(acme.toString(), globex.toString())));

        // a fellow administrator reads Arthur's export, then erases him
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/users/{id}/personal-data", arthur.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.categories.account.records.administrator.email").isEqualTo(arthur.email()));
        command().post().uri("/api/users/{id}/erasure", arthur.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isAccepted();
        // recorded in the erasure's own transaction: a rights request carried out at once, by Alice
        command().get().uri("/api/organizations/{o}/rights-requests", acme)
                .headers(h -> h.setBearerAuth(alice.token())).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.subjectId == '" + arthur.id() + "')].kind").isEqualTo(List.of("ERASURE"))
                .jsonPath("$[?(@.subjectId == '" + arthur.id() + "')].state").isEqualTo(List.of("COMPLETED"))
                .jsonPath("$[?(@.subjectId == '" + arthur.id() + "')].handledBy")
                .isEqualTo(List.of(alice.id().toString()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/organizations/{id}/administrators", acme).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectBody().jsonPath("$.length()").isEqualTo(1));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> query().get()
                .uri("/api/users/{id}/personal-data", arthur.id()).headers(h -> h.setBearerAuth(alice.token()))
                .exchange().expectStatus().isEqualTo(410));
    }
}
