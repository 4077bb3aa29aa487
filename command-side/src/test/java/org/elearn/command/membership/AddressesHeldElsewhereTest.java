package org.elearn.command.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.elearn.command.CommandSideTest;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.web.TestAccounts;
import org.elearn.command.web.TestTokens;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An administrator's import rows and member edits answer the same for an address that belongs to an
 * account elsewhere (another organization's member, an instructor, an operator, an auditor) as for
 * a fresh one, and change nothing about that account.
 */
@CommandSideTest
class AddressesHeldElsewhereTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;
    @Autowired
    EmailHasher hasher;
    @Autowired
    AccountStore accounts;

    private final UUID organization = UUID.randomUUID();
    private String admin;
    private List<String> held;
    private Map<String, Optional<UUID>> holders;
    private String tag;

    @BeforeEach
    void setUp() throws Exception {
        admin = adminOf(organization);
        UUID other = UUID.randomUUID();
        held = TestAccounts.heldElsewhere(web, adminOf(other), other);
        holders = holders(held);
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private String adminOf(UUID org) throws Exception {
        return TestTokens.orgAdmin(signingKey, auth, org);
    }

    private Map<String, Optional<UUID>> holders(List<String> emails) {
        Map<String, Optional<UUID>> found = new HashMap<>();
        emails.forEach(email -> found.put(email, accounts.userIdForEmail(hasher.hash(email))));
        return found;
    }

    private List<String> fresh(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "fresh-" + i + "-" + tag + "@example.com")
                .toList();
    }

    private static String csv(List<String> emails) {
        StringBuilder csv = new StringBuilder("name,phone,email,department\r\n");
        emails.forEach(email -> csv.append("Pat Person,,").append(email).append(",Sales\r\n"));
        return csv.toString();
    }

    /** The import's answer without its id, and its error file. */
    private List<Object> imported(List<String> emails) {
        Map<?, ?> answer = web.post().uri("/api/organizations/{id}/member-imports", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv(emails)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String errors = web.get().uri("/api/organizations/{o}/member-imports/{i}/errors", organization,
                        answer.get("importId")).headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Map<Object, Object> counts = new HashMap<>(answer);
        counts.remove("importId");
        return List.of(counts, errors);
    }

    private void assertNothingChangedElsewhere() {
        assertThat(holders(held)).isEqualTo(holders);
        TestTokens.login(web, TestAccounts.OPERATOR_EMAIL, TestAccounts.OPERATOR_PASSWORD);
        TestTokens.login(web, held.get(1), "long-enough-password");
        TestTokens.login(web, held.get(3), "long-enough-password");
    }

    @Test
    void anImportRowWithAnAddressHeldElsewhereIsAnsweredAsAFreshOne() {
        List<Object> freshAnswer = imported(fresh(held.size()));
        List<Object> heldAnswer = imported(held);

        assertThat(heldAnswer).isEqualTo(freshAnswer);
        assertThat(heldAnswer.get(1)).isEqualTo("row,reason\r\n");
        // and again: the members are found, whoever else holds their addresses
        assertThat(imported(held)).isEqualTo(imported(fresh(held.size())));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_directory WHERE organization_id = ?", Long.class,
                organization)).isEqualTo(2L * held.size());
        assertNothingChangedElsewhere();
    }

    private UUID memberAt(String email) {
        return jdbc.queryForObject("SELECT member_id FROM member_address WHERE organization_id = ? AND email_hmac = ?",
                UUID.class, organization, hasher.hash(email));
    }

    private WebTestClient.ResponseSpec edit(UUID member, String email) {
        return web.put().uri("/api/organizations/{o}/members/{m}", organization, member)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "nickname", "Pat")).exchange();
    }

    @Test
    void anEditToAnAddressHeldElsewhereIsAnsweredAsAFreshOneButAnotherMembersAddressHereIsRefused() {
        List<String> mine = fresh(2);
        imported(mine.subList(0, 1));
        UUID member = jdbc.queryForObject("SELECT member_id FROM member_directory WHERE organization_id = ?",
                UUID.class, organization);
        imported(mine.subList(1, 2));

        for (String email : held) {
            byte[] fresh = edit(member, "edit-" + UUID.randomUUID() + "@example.com").expectStatus().isNoContent()
                    .expectBody().returnResult().getResponseBodyContent();
            byte[] taken = edit(member, email).expectStatus().isNoContent()
                    .expectBody().returnResult().getResponseBodyContent();
            assertThat(taken).isEqualTo(fresh);
            assertThat(memberAt(email)).isEqualTo(member);
        }
        // the organization's own members it may see anyway
        edit(member, mine.get(1)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:email-taken");
        // a row with the member's new address is that member
        assertThat(imported(List.of(held.get(3))).get(0)).isEqualTo(Map.of("rows", 1, "created", 0, "updated", 1,
                "unchanged", 0, "failed", 0));
        assertNothingChangedElsewhere();
    }
}
