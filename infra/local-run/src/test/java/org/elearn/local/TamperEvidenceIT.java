package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.cli.HistoryCheck;
import org.elearn.query.audit.AuditSigningKey;
import org.elearn.query.audit.HistoryVerifier;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The tamper test of the audit chain: real history made through the HTTP API is sealed by the query side; then
 * one byte of one stored event is flipped, one event is deleted, two events are swapped, and each
 * time verification names the exact position and why. Erasure leaves the stored bytes and the chain
 * intact. Bad ranges get problem+json 400, callers without AUDITOR or OPERATOR 403.
 */
class TamperEvidenceIT {

    private static final int CHECKPOINT_EVERY = 3;
    private static final Path SECRETS = Path.of("target/tamper-secrets");

    private final TestDatabases.TestDatabase db = TestDatabases.create();
    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource(db.jdbcUrl(), db.user(), db.password());
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private LocalApi api;

    @BeforeEach
    void start() {
        api = new LocalApi(db, SECRETS.toString(), Map.of("learning.audit.seal-interval", "100ms",
                "learning.audit.gap-timeout", "500ms", "learning.audit.checkpoint-every", CHECKPOINT_EVERY));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void verificationNamesThePositionOfEachTamperingAndSurvivesErasure() throws Exception {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Audit");
        LocalApi.Admin alice = api.approvedAdmin(operator, acme, "Alice", "alice-" + UUID.randomUUID() + "@org.example");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String trainee = api.joined(operator, alice.token(), acme, "tia-" + tag + "@acme.example", "TRAINEE");
        for (String role : List.of("INSTRUCTOR", "TRAINEE", "TRAINEE")) {
            api.joined(operator, alice.token(), acme, role.toLowerCase() + "-" + UUID.randomUUID() + "@acme.example",
                    role);
        }
        awaitSealed(operator);
        List<Long> positions = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY global_index",
                Long.class);
        assertThat(positions).hasSizeGreaterThan(3 * CHECKPOINT_EVERY);

        // (a) one byte of one stored event flipped
        long changed = positions.get(positions.size() / 2);
        String flip = "UPDATE domain_event_entry SET payload = set_byte(payload, 7, get_byte(payload, 7) # 1)"
                + " WHERE global_index = ?";
        jdbc.update(flip, changed);
        assertBreak(operator, changed, "changed");
        assertThat(HistoryCheck.run(dataSource, SECRETS, new String[0])).isEqualTo(HistoryCheck.BROKEN);
        jdbc.update(flip, changed);
        assertIntact(operator);

        // (b) one event deleted
        long deleted = positions.get(3);
        jdbc.execute("CREATE TABLE tamper_backup AS SELECT * FROM domain_event_entry WHERE global_index = " + deleted);
        jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", deleted);
        assertBreak(operator, deleted, "missing");
        jdbc.execute("INSERT INTO domain_event_entry SELECT * FROM tamper_backup; DROP TABLE tamper_backup");
        assertIntact(operator);

        // (c) two events swapped between their positions
        long lower = positions.get(2);
        long upper = positions.get(positions.size() - 2);
        swap(lower, upper);
        assertBreak(operator, lower, "reordered");
        swap(lower, upper);
        assertIntact(operator);

        // a range that starts after the damage is anchored at a signed checkpoint and still verifies
        jdbc.update(flip, positions.get(1));
        assertThat(verify(operator, "?from=" + positions.get(2 * CHECKPOINT_EVERY)).get("ok")).isEqualTo(true);
        assertBreak(operator, positions.get(1), "changed");
        jdbc.update(flip, positions.get(1));

        // seals and checkpoints are append-only
        assertThatThrownBy(() -> jdbc.update("UPDATE audit_seal SET chain_hash = chain_hash"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_checkpoint")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE audit_seal")).hasMessageContaining("append-only");

        // crypto-shredding changes no stored byte: the chain still verifies after an erasure
        String before = storedBytesDigest(positions.get(positions.size() - 1));
        UUID erased = LocalApi.subjectOf(trainee);
        api.command().post().uri("/api/users/{id}/erasure", erased).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM data_key WHERE subject_id = ?", Long.class, erased.toString()) == 0);
        awaitSealed(operator);
        assertThat(storedBytesDigest(positions.get(positions.size() - 1))).isEqualTo(before);
        assertIntact(operator);

        offlineChecks(operator);
        // the verify-history command: intact, and a usage error for a backwards range
        assertThat(HistoryCheck.run(dataSource, SECRETS, new String[] {"0"})).isEqualTo(HistoryCheck.INTACT);
        assertThat(HistoryCheck.run(dataSource, SECRETS, new String[] {"5", "2"})).isEqualTo(HistoryCheck.USAGE);
    }

    @Test
    void badRangesAreProblemsAndOnlyAuditorsAndOperatorsMayVerify() {
        String operator = api.operator();
        UUID acme = api.organization(operator, "Acme Roles");
        LocalApi.Admin admin = api.approvedAdmin(operator, acme, "Ada", "ada-" + UUID.randomUUID() + "@org.example");
        for (String path : List.of("/api/audit/verify", "/api/audit/checkpoints", "/api/audit/signing-key")) {
            api.query().get().uri(path).headers(h -> h.setBearerAuth(admin.token())).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        api.query().get().uri("/api/audit/verify").exchange().expectStatus().isUnauthorized();
        for (String query : List.of("?from=abc", "?to=1x", "?from=-1", "?to=-5", "?from=9&to=3",
                "?from=99999999999999999999")) {
            api.query().get().uri("/api/audit/verify" + query).headers(h -> h.setBearerAuth(operator)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(400);
        }
        api.query().get().uri("/api/audit/checkpoints?limit=10001").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isBadRequest();
        api.query().get().uri("/api/audit/verify?from=3&to=3").headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk();

        // with every verification slot taken, one more is refused at once; each finished one gave its slot back
        var gate = api.services().querySide().getBean("verificationGate", org.elearn.support.web.ConcurrencyGate.class);
        int[] held = {0};
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(held[0] += gate.drain()).isEqualTo(2));
            api.query().get().uri("/api/audit/verify?from=3&to=3").headers(h -> h.setBearerAuth(operator)).exchange()
                    .expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "1")
                    .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:verifications-busy");
        } finally {
            gate.release(held[0]);
        }
    }

    /**
     * What an auditor does elsewhere: checkpoints and the public key copied out, signatures checked
     * with plain JDK Ed25519 over the rebuilt text, and the history re-verified through the class
     * the {@code verify-history} command uses; a key the auditor does not trust fails it.
     */
    private void offlineChecks(String operator) throws Exception {
        Map<?, ?> signingKey = api.query().get().uri("/api/audit/signing-key").headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        PublicKey publicKey = AuditSigningKey.publicKey(signingKey.get("publicKey").toString());
        List<Map> checkpoints = api.query().get().uri("/api/audit/checkpoints?from=0&limit=10000")
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody();
        assertThat(checkpoints).isNotEmpty();
        for (Map<?, ?> checkpoint : checkpoints) {
            assertThat(checkpoint.get("keyId")).isEqualTo(signingKey.get("keyId"));
            String text = "elearn-audit-checkpoint/1\nglobal_index=" + checkpoint.get("globalIndex")
                    + "\nsealed_count=" + checkpoint.get("sealedCount") + "\nchain_hash=" + checkpoint.get("chainHash")
                    + "\nsigned_at_us=" + micros(checkpoint.get("signedAt").toString()) + "\n";
            assertThat(checkpoint.get("signedText")).isEqualTo(text);
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(text.getBytes(StandardCharsets.UTF_8));
            assertThat(ed25519.verify(java.util.Base64.getDecoder().decode(checkpoint.get("signature").toString())))
                    .isTrue();
        }
        long sealed = ((Number) checkpoints.get(checkpoints.size() - 1).get("sealedCount")).longValue();
        assertThat(checkpoints).hasSizeGreaterThanOrEqualTo((int) (sealed / CHECKPOINT_EVERY));

        HistoryVerifier.Result trusted = new HistoryVerifier(dataSource, List.of(publicKey)).verify(null, null);
        assertThat(trusted.ok()).isTrue();
        assertThat(trusted.signaturesChecked()).isTrue();
        assertThat(trusted.checkpoints()).isEqualTo(checkpoints.size());

        PublicKey stranger = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        HistoryVerifier.Result untrusted = new HistoryVerifier(dataSource, List.of(stranger)).verify(null, null);
        assertThat(untrusted.ok()).isFalse();
        assertThat(untrusted.firstBreak().reason()).isEqualTo(HistoryVerifier.Reason.BAD_SIGNATURE);
        assertThat(untrusted.firstBreak().position())
                .isEqualTo(((Number) checkpoints.get(0).get("globalIndex")).longValue());
    }

    private static long micros(String instant) {
        java.time.Instant at = java.time.Instant.parse(instant);
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    /** Moves two events' rows to each other's position (the primary key forbids a direct swap). */
    private void swap(long a, long b) {
        jdbc.execute("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = " + a + ";"
                + "UPDATE domain_event_entry SET global_index = " + a + " WHERE global_index = " + b + ";"
                + "UPDATE domain_event_entry SET global_index = " + b + " WHERE global_index = -1");
    }

    /** A digest of every stored byte of the events up to a position. */
    private String storedBytesDigest(long upTo) {
        return jdbc.queryForObject("SELECT md5(string_agg(global_index || ':' || event_identifier || ':' "
                + "|| encode(payload, 'hex') || ':' || coalesce(encode(meta_data, 'hex'), '-'), ',' "
                + "ORDER BY global_index)) FROM domain_event_entry WHERE global_index <= ?", String.class, upTo);
    }

    /** Until every stored event is sealed and the whole history verifies. */
    private void awaitSealed(String operator) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<?, ?> result = verify(operator, "");
            long last = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
            return Boolean.TRUE.equals(result.get("ok")) && ((Number) result.get("unsealed")).longValue() == 0
                    && ((Number) result.get("sealedUpTo")).longValue() == last;
        });
    }

    private void assertIntact(String operator) {
        Map<?, ?> result = verify(operator, "");
        assertThat(result.get("ok")).as("%s", result).isEqualTo(true);
        assertThat(result.get("firstBreak")).isNull();
    }

    private void assertBreak(String operator, long position, String reason) {
        Map<?, ?> result = verify(operator, "");
        assertThat(result.get("ok")).as("%s", result).isEqualTo(false);
        Map<?, ?> firstBreak = (Map<?, ?>) result.get("firstBreak");
        assertThat(((Number) firstBreak.get("position")).longValue()).as("%s", result).isEqualTo(position);
        assertThat(firstBreak.get("reason")).as("%s", result).isEqualTo(reason);
    }

    private Map<?, ?> verify(String operator, String query) {
        return api.query().get().uri("/api/audit/verify" + query).headers(h -> h.setBearerAuth(operator)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
