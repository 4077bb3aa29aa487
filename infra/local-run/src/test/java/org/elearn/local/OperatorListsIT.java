package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;

/**
 * The operator's lists over HTTP on the real services: the organizations paged on request (and the
 * whole list as before without paging), the people waiting to administer any organization, and the
 * appointed auditors; bad parameters are 400 problems and other roles 403.
 */
@ExtendWith(SharedServices.class)
class OperatorListsIT {

    private final LocalApi api;

    OperatorListsIT(LocalApi shared) {
        this.api = shared;
    }

    @Test
    void organizationsArePagedWhenAskedAndListedWholeOtherwise() {
        String operator = api.operator();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID first = api.organization(operator, "Paged Org A " + tag);
        UUID second = api.organization(operator, "Paged Org B " + tag);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Map<String, Object>> whole = get(operator, "/api/organizations", List.class);
            return whole.stream().map(o -> o.get("organizationId")).toList()
                    .containsAll(List.of(first.toString(), second.toString()));
        });
        List<?> whole = get(operator, "/api/organizations", List.class);
        Map<String, Object> newest = get(operator, "/api/organizations?page=0&size=2&sort=registeredAt,desc", Map.class);
        assertThat(newest.get("total")).isEqualTo(whole.size());
        assertThat(newest).containsEntry("page", 0).containsEntry("size", 2);
        assertThat(ids(newest)).containsExactly(second.toString(), first.toString());
        // by name by default, a page at a time, each organization once
        Map<?, ?> byName = get(operator, "/api/organizations?size=500", Map.class);
        assertThat(ids(byName)).hasSize(Math.min(whole.size(), 500)).doesNotHaveDuplicates();
        if (whole.size() <= 500) {
            assertThat(ids(byName)).containsExactlyInAnyOrderElementsOf(
                    whole.stream().map(o -> ((Map<?, ?>) o).get("organizationId")).toList());
        }
        Map<?, ?> next = get(operator, "/api/organizations?page=1&size=1&sort=registeredAt,desc", Map.class);
        assertThat(ids(next)).containsExactly(first.toString());

        refused(operator, "/api/organizations?size=0", 400);
        refused(operator, "/api/organizations?page=0&sort=email,asc", 400);
        LocalApi.Admin admin = api.approvedAdmin(operator, first, "Ada", "ada-" + tag + "@paged.example");
        refused(admin.token(), "/api/organizations?page=0", 403);
    }

    @Test
    void theOperatorSeesEveryoneWaitingAcrossOrganizations() {
        String operator = api.operator();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Waiting Org " + tag;
        UUID organization = api.organization(operator, name);
        UUID pending = api.registered(operator, "/api/administrators", Map.of("organizationId", organization,
                "name", "Wanda " + tag, "email", "wanda-" + tag + "@wait.example", "password", "long-enough-password",
                "phone", "+44 20 7946 0000"));

        Map<String, Object> listed = await().atMost(Duration.ofSeconds(30)).until(() -> waiting(operator, pending),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(listed).containsEntry("organizationId", organization.toString()).containsEntry("organizationName", name)
                .containsEntry("name", "Wanda " + tag).containsEntry("email", "wanda-" + tag + "@wait.example")
                .containsEntry("status", "PENDING");

        api.command().post().uri("/api/administrators/{id}/approval", pending).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().is2xxSuccessful();
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(operator, pending).isEmpty());
        Map<?, ?> approved = get(operator, "/api/administrators?status=APPROVED&size=500", Map.class);
        assertThat((List<Map<String, Object>>) approved.get("items")).extracting(a -> a.get("administratorId"))
                .contains(pending.toString());

        refused(operator, "/api/administrators?status=WAITING", 400);
        refused(operator, "/api/administrators?size=501", 400);
        String admin = api.login("wanda-" + tag + "@wait.example", "long-enough-password");
        refused(admin, "/api/administrators", 403);
    }

    @Test
    void theOperatorListsTheAuditorsNewestFirst() {
        String operator = api.operator();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "audra-" + tag + "@audit.example";
        UUID auditor = UUID.fromString(api.command().post().uri("/api/auditors").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", "long-enough-password", "mayReveal", true))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("auditorId").toString());

        Map<?, ?> page = await().atMost(Duration.ofSeconds(30)).until(
                () -> get(operator, "/api/auditors?page=0&size=1", Map.class),
                answer -> ids(answer, "auditorId").contains(auditor.toString()));
        Map<String, Object> first = ((List<Map<String, Object>>) page.get("items")).get(0);
        assertThat(first).containsEntry("email", email).containsEntry("mayReveal", true);
        assertThat(first.get("appointedAt")).isNotNull();
        assertThat((Integer) page.get("total")).isPositive();

        refused(operator, "/api/auditors?page=-1", 400);
        refused(api.login(email, "long-enough-password"), "/api/auditors", 403);
    }

    private java.util.Optional<Map<String, Object>> waiting(String operator, UUID administrator) {
        Map<?, ?> page = get(operator, "/api/administrators?status=PENDING&size=500", Map.class);
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .filter(a -> administrator.toString().equals(a.get("administratorId"))).findFirst();
    }

    private static List<Object> ids(Map<?, ?> page) {
        return ids(page, "organizationId");
    }

    private static List<Object> ids(Map<?, ?> page, String key) {
        return ((List<Map<?, ?>>) page.get("items")).stream().map(o -> (Object) o.get(key)).toList();
    }

    private <T> T get(String token, String uri, Class<T> type) {
        return api.query().get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(type).returnResult().getResponseBody();
    }

    private void refused(String token, String uri, int status) {
        api.query().get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
