package org.elearn.command.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.command.web.TestTokens;
import org.elearn.command.CommandSideTest;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Marketing mail as an organization's administrator sends it and a member receives it: only members
 * who consent get it, with the one-click headers and the link in the text; the link opened in a
 * browser asks before it unsubscribes; and what an administrator may send is checked.
 */
@CommandSideTest
class MarketingMessageTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;

    private UUID organization;
    private String admin;
    private String operator;

    /** A member who joined by invitation, logged in. */
    private record Member(UUID id, String email, String token) {
    }

    @BeforeEach
    void setUp() throws Exception {
        operator = TestTokens.login(web, "operator@test.example", "operator-password-123");
        organization = UUID.fromString(web.post().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Marketing Ltd", "dataRegion", "eu"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organizationId").toString());
        admin = token(List.of("ORG_ADMIN"), organization);
    }

    private String token(List<String> roles, UUID org) throws Exception {
        return TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                Instant.now().plusSeconds(300)).claim("roles", roles).claim("org", org.toString()).build());
    }

    private Member member(String name) {
        String email = name + "-" + UUID.randomUUID() + "@example.com";
        web.post().uri("/api/organizations/{o}/invitations", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "role", "TRAINEE"))
                .exchange().expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailbox(email).isEmpty());
        String code = mailbox(email).get(0).get("body").toString().replaceAll("(?s).*Your invitation code: (\\S+).*", "$1");
        UUID id = UUID.fromString(web.post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", name, "password", "long-enough-password")).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("userId").toString());
        return new Member(id, email, TestTokens.login(web, email, "long-enough-password"));
    }

    private void consent(Member member) {
        web.put().uri("/api/me/consents/MARKETING_EMAIL").headers(h -> h.setBearerAuth(member.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("granted", true, "policyVersion", "1", "channel", "WEB")).exchange()
                .expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec send(String token, UUID organizationId, String subject, String text) {
        return web.post().uri("/api/organizations/{o}/marketing-messages", organizationId)
                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("subject", subject, "text", text)).exchange();
    }

    private List<Map<String, Object>> mailbox(String email) {
        return web.get().uri("/api/operator/mailbox?recipient={r}", email).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk()
                .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    private List<String> subjects(String email) {
        return mailbox(email).stream().map(m -> m.get("subject").toString()).toList();
    }

    private void drained() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM notification_outbox WHERE kind = 'MARKETING'", Long.class) == 0);
    }

    @Test
    void onlyConsentingMembersGetTheMessageWithTheLinkAndTheOneClickHeaders() {
        Member consenting = member("ann");
        Member silent = member("bob");
        Member restricted = member("cid");
        consent(consenting);
        consent(restricted);
        web.post().uri("/api/users/{u}/restriction", restricted.id()).headers(h -> h.setBearerAuth(restricted.token()))
                .exchange().expectStatus().is2xxSuccessful();

        send(admin, organization, "Spring courses", "New courses are open.\nHave a look.").expectStatus().isAccepted()
                .expectBody().jsonPath("$.recipients").isEqualTo(1);
        drained();

        assertThat(subjects(silent.email())).containsOnly("Your invitation");
        assertThat(subjects(restricted.email())).containsOnly("Your invitation");
        Map<String, Object> mail = mailbox(consenting.email()).get(0);
        assertThat(mail.get("subject")).isEqualTo("Spring courses");
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) mail.get("headers");
        assertThat(headers).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String link = headers.get("List-Unsubscribe").replaceAll("^<(.*)>$", "$1");
        assertThat(link).startsWith("http://localhost:8080/api/unsubscribe?token=").doesNotContain(consenting.email());
        assertThat(mail.get("body").toString()).startsWith("New courses are open.\nHave a look.\n").contains(link);
    }

    @Test
    void theLinkOpenedInABrowserAsksFirstAndItsFormUnsubscribes() {
        Member member = member("dan");
        consent(member);
        send(admin, organization, "News", "Hello").expectStatus().isAccepted();
        drained();
        String body = mailbox(member.email()).get(0).get("body").toString();
        String link = body.replaceAll("(?s).*(http://localhost:8080/api/unsubscribe\\?token=\\S+).*", "$1");
        String path = link.substring("http://localhost:8080".length());

        String page = web.get().uri(path).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", UnsubscribeController.PAGE_POLICY)
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).doesNotContain("<script").doesNotContain("style")
                .contains("<form method=\"post\"")
                .contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">");
        String action = page.replaceAll("(?s).*action=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(URI.create(link).resolve(action).toString()).isEqualTo(link);
        // opening the page changed nothing
        assertThat(state(member)).isEqualTo("GRANTED");

        String done = web.post().uri(path).accept(MediaType.TEXT_HTML, MediaType.ALL)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("List-Unsubscribe", "One-Click")).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", UnsubscribeController.PAGE_POLICY)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(done).contains("no more marketing email");
        assertThat(state(member)).isEqualTo("WITHDRAWN");

        send(admin, organization, "More news", "Hello again").expectStatus().isAccepted()
                .expectBody().jsonPath("$.recipients").isEqualTo(0);
        drained();
        assertThat(subjects(member.email())).containsOnly("News", "Your invitation");
    }

    private String state(Member member) {
        return jdbc.queryForObject("SELECT state FROM consent_state WHERE user_id = ? AND purpose = 'MARKETING_EMAIL'",
                String.class, member.id());
    }

    @Test
    void aLinkThatDoesNotVerifyGetsAPlainPageThatSaysSoAndNothingMore() {
        String forged = "AAAAAAAAAAAAAAAAAAAAAE1BUktFVElOR19FTUFJTA.c2lnbmF0dXJl";
        for (String uri : List.of("/api/unsubscribe?token=" + forged, "/api/unsubscribe")) {
            String page = web.get().uri(uri).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueEquals("Content-Security-Policy", UnsubscribeController.PAGE_POLICY)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).contains("not valid").doesNotContain("<form").doesNotContain(forged);
        }
    }

    @Test
    void theOrganizationsAdministratorOrAnOperatorSendsAndNobodyElse() throws Exception {
        Member member = member("eve");
        consent(member);
        send(operator, organization, "From the platform", "Hello").expectStatus().isAccepted()
                .expectBody().jsonPath("$.recipients").isEqualTo(1);

        send(member.token(), organization, "Spam", "Hello").expectStatus().isForbidden();
        send(token(List.of("ORG_ADMIN"), UUID.randomUUID()), organization, "Spam", "Hello").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:organization-not-found");
        send(operator, UUID.randomUUID(), "Spam", "Hello").expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:organization-not-found");
        drained();
        assertThat(subjects(member.email())).containsOnly("From the platform", "Your invitation");
    }

    @Test
    void aSubjectWithControlCharactersOrAnOversizedTextIsRefusedAndQueuesNothing() {
        Member member = member("fay");
        consent(member);
        // a NUL is refused by the platform's one character rule, before the endpoint's own checks
        for (Map.Entry<Map<String, String>, String> bad : Map.of(
                Map.of("subject", "News\r\nBcc: everyone@example.com", "text", "Hello"), "validation-failed",
                Map.of("subject", "News", "text", "Hello\u0000there"), "invalid-characters",
                Map.of("subject", "News", "text", "x".repeat(20_001)), "validation-failed",
                Map.of("subject", " ", "text", "Hello"), "validation-failed").entrySet()) {
            web.post().uri("/api/organizations/{o}/marketing-messages", organization).headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(bad.getKey()).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:" + bad.getValue());
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox WHERE recipient = ?", Long.class,
                member.email())).isZero();
        assertThat(subjects(member.email())).containsOnly("Your invitation");
    }
}
