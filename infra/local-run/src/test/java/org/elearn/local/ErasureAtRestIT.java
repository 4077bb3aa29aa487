package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.elearn.testsupport.DatabaseDump;
import org.elearn.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * Erasure at the level of bytes: after an erasure and the compaction that follows it, no file of
 * the database server (tables, indexes, TOAST, WAL) holds the subject's name, email or phone in any
 * form. A logical dump cannot see dead row versions or the WAL; this reads the data directory of
 * this test's own embedded PostgreSQL, set up as docs/operations.md asks ({@code wal_recycle = off}).
 * The markers are short, so PostgreSQL stores them uncompressed (pglz starts at about 2 kB), and a
 * plain byte search finds them wherever they are in clear. Before the erasure, the projections' live
 * rows already hold the email and phone only sealed under the member's key, the xAPI documents'
 * rows their content only sealed (their ids are clear, and go with the compaction), and an xAPI
 * attachment whose content names the member is stored only sealed ({@code xapi_attachment}).
 */
class ErasureAtRestIT {

    private final Path data = Path.of("target", "at-rest-pg-" + UUID.randomUUID());
    private EmbeddedPostgres pg;

    @AfterEach
    void stop() throws IOException {
        if (pg != null) {
            pg.close();
        }
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    /**
     * This test's own server, set up as docs/operations.md asks, and both services on a database of
     * it, compacting 1 s after an erasure.
     */
    private LocalApi services() throws Exception {
        pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                .setRegisterShutdownHook(false).setServerConfig("wal_recycle", "off")
                .setServerConfig("full_page_writes", "on").start(); // as the local run: pages whole in the WAL
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE at_rest");
        }
        return LocalApi.withSettings(database(), "target/at-rest-secrets",
                Map.of("learning.privacy.compaction-delay", "1s"));
    }

    private TestDatabases.TestDatabase database() {
        return new TestDatabases.TestDatabase("localhost", pg.getPort(), "at_rest", "postgres", "postgres");
    }

    @Test
    void noFileOfTheServerHoldsAnErasedMembersDataAfterCompaction() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String name = "Quorra" + tag;
        String email = "Quorra.Mail" + tag + "@AtRest.example";
        String phone = "+" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);
        // an xAPI State document of theirs: its id is clear in the row, its content sealed under their key
        String stateId = "Bookmark" + tag;
        String note = "Margin" + tag + "Note";
        String profileId = "Profile" + tag;
        List<String> markers = List.of(name, email, email.toLowerCase(Locale.ROOT), phone.substring(1), stateId, note,
                profileId, "Prefers" + tag + "Subtitles");

        try (LocalApi api = services()) {
            String operator = api.operator();
            UUID organization = api.organization(operator, "At Rest Org");
            String admin = api.approvedAdmin(operator, organization, "Ada", "ada-" + tag + "@keep.example").token();
            api.command().post().uri("/api/organizations/{id}/member-imports", organization)
                    .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.parseMediaType("text/csv"))
                    .bodyValue("name,phone,email,department\r\n" + name + "," + phone + "," + email + ",Sales\r\n")
                    .exchange().expectStatus().isOk();
            UUID member = api.memberId(admin, organization, name);
            // an invitation for the imported member: the local mailbox holds their email in clear
            api.command().post().uri("/api/organizations/{id}/invitations", organization)
                    .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", email, "role", "TRAINEE")).exchange().expectStatus().isCreated();
            await().atMost(Duration.ofSeconds(60)).until(() -> !api.mailbox(operator, email).isEmpty());
            LocalApi.XapiCredential xapi = api.xapiCredential(admin, organization);
            api.command().put().uri("/xapi/activities/state?activityId={a}&agent={g}&stateId={s}",
                            "https://content.example/courses/c1", "{\"mbox\":\"mailto:" + email + "\"}", stateId)
                    .headers(LocalApi.xapi(xapi))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":\"" + note + "\"}").exchange()
                    .expectStatus().isNoContent();
            // and an Agent Profile, binary: its id clear in the row, its content sealed
            api.command().put().uri("/xapi/agents/profile?agent={g}&profileId={p}",
                            "{\"mbox\":\"mailto:" + email + "\"}", profileId)
                    .headers(LocalApi.xapi(xapi)).contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .bodyValue(("Prefers" + tag + "Subtitles").getBytes(StandardCharsets.UTF_8)).exchange()
                    .expectStatus().isNoContent();
            // an xAPI statement about the member with an attachment whose content names them: the
            // content is stored only sealed under the member's key, so no row holds it in clear
            attachmentNaming(api, xapi, email, name);
            assertThat(liveRowsHolding("xapi_attachment", "content", name)).isZero();
            // the scan sees the data directory: before erasure it finds the member
            assertThat(hits(markers)).isNotEmpty();
            // the document's content is never in clear, not even before the erasure
            assertThat(liveRows("xapi_document")).contains(stateId, profileId).doesNotContain(note)
                    .doesNotContain("Prefers" + tag);
            assertThat(hits(List.of(note, "Prefers" + tag + "Subtitles"))).isEmpty();
            // the activity definition naming them came with a credential without the define scope: not kept
            assertThat(liveRows("xapi_activity")).doesNotContain(name);
            // but not in the projections' live rows: there only the name is clear, the rest is sealed
            assertThat(liveRows("member_view", "administrator_view", "instructor_profile")).contains(name)
                    .doesNotContainIgnoringCase(email).doesNotContain(phone.substring(1));

            api.command().post().uri("/api/users/{id}/erasure", member).headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isAccepted();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(hits(markers)).as("files holding a form of an erased marker")
                            .isEmpty());
        }
    }

    /**
     * The same for the two accounts outside any organization, erased through the HTTP API: an auditor
     * an operator appointed (their email sealed in {@code auditor_view}, which {@code GET /api/auditors}
     * lists; the operator erases them) and a self-registered instructor (name and phone sealed in
     * {@code instructor_profile}; they erase themself). Their clear values are shown by the API before
     * the erasure, and the sealed copies the projections hold are read from the live rows and searched
     * for as markers too: found in the files before, they must leave with their rows. After the
     * erasure the list no longer shows the auditor, and no file, no table's dump and no log line holds
     * a form of any of them.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void noFileOfTheServerHoldsAnErasedAuditorsOrSelfRegisteredInstructorsData(CapturedOutput logs) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String auditorEmail = "Audra.Mail" + tag + "@AtRest.example";
        String name = "Ivo" + tag;
        String renamed = "Ivor" + tag + "Renamed";
        String email = "Ivo.Mail" + tag + "@AtRest.example";
        String phone = "+" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);
        String newPhone = "+" + ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L);
        List<String> markers = new ArrayList<>(List.of(auditorEmail, auditorEmail.toLowerCase(Locale.ROOT), name,
                renamed, email, email.toLowerCase(Locale.ROOT), phone.substring(1), newPhone.substring(1)));
        String password = "long-enough-password";

        try (LocalApi api = services()) {
            String operator = api.operator();
            UUID auditor = UUID.fromString(api.command().post().uri("/api/auditors")
                    .headers(h -> h.setBearerAuth(operator)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", auditorEmail, "password", password, "mayReveal", false))
                    .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                    .get("auditorId").toString());
            await().atMost(Duration.ofSeconds(60)).until(() -> auditorsListed(api, operator).get(auditor),
                    auditorEmail::equals);
            String auditorToken = api.login(auditorEmail, password);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> api.query().get()
                    .uri("/api/users/{id}/personal-data", auditor).headers(h -> h.setBearerAuth(auditorToken))
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.categories.account.records.auditor.email").isEqualTo(auditorEmail));

            UUID instructor = api.registered(operator, "/api/instructors",
                    Map.of("name", name, "email", email, "phone", phone, "password", password));
            String instructorToken = api.login(email, password);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ownProfile(api, instructorToken)
                    .jsonPath("$.instructor.name").isEqualTo(name).jsonPath("$.instructor.phone").isEqualTo(phone));
            api.command().put().uri("/api/instructors/{id}/profile", instructor)
                    .headers(h -> h.setBearerAuth(instructorToken)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", renamed, "phone", newPhone)).exchange().expectStatus().isNoContent();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> ownProfile(api, instructorToken)
                    .jsonPath("$.instructor.name").isEqualTo(renamed).jsonPath("$.instructor.phone").isEqualTo(newPhone));

            // the projections' copies: sealed in the live rows, and in the files before the erasure
            List<String> sealed = List.of(
                    liveValue("SELECT email FROM auditor_view WHERE auditor_id = ?", auditor),
                    liveValue("SELECT name FROM instructor_profile WHERE instructor_id = ?", instructor),
                    liveValue("SELECT phone FROM instructor_profile WHERE instructor_id = ?", instructor));
            assertThat(sealed).allMatch(value -> value.startsWith("pc1:"));
            assertThat(liveRows("auditor_view", "instructor_profile")).doesNotContainIgnoringCase(auditorEmail)
                    .doesNotContain(name).doesNotContain(renamed).doesNotContain(phone.substring(1))
                    .doesNotContain(newPhone.substring(1));
            List<String> before = hits(sealed);
            for (String value : sealed) {
                assertThat(before).as("files holding the sealed copy " + value).anyMatch(hit -> hit.endsWith(value));
            }
            markers.addAll(sealed);
            // and the rows about them elsewhere: login, email lookup, data key, the export's index
            assertThat(rowsAbout(auditor)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
            assertThat(rowsAbout(instructor)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

            api.command().post().uri("/api/users/{id}/erasure", auditor).headers(h -> h.setBearerAuth(operator))
                    .exchange().expectStatus().isAccepted();
            api.command().post().uri("/api/users/{id}/erasure", instructor)
                    .headers(h -> h.setBearerAuth(instructorToken)).exchange().expectStatus().isAccepted();

            await().atMost(Duration.ofSeconds(60)).until(() -> !auditorsListed(api, operator).containsKey(auditor));
            api.command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", auditorEmail, "password", password)).exchange()
                    .expectStatus().isUnauthorized();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(hits(markers)).as("files holding a form of an erased marker")
                            .isEmpty());
            assertThat(rowsAbout(auditor)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            assertThat(rowsAbout(instructor)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            String dump = DatabaseDump.dump(database());
            String logged = logs.getAll();
            for (String marker : markers) {
                for (String form : DatabaseDump.forms(marker)) {
                    assertThat(dump).as("the dump of every table").doesNotContain(form);
                    assertThat(logged).as("the logs").doesNotContain(form);
                }
            }
        }
    }

    /** The operator's list of auditors, every page of it: each one's id and email. */
    private static Map<UUID, String> auditorsListed(LocalApi api, String operator) {
        Map<UUID, String> listed = new java.util.HashMap<>();
        for (int page = 0; ; page++) {
            Map<?, ?> answer = api.query().get().uri("/api/auditors?page={p}&size=500", page)
                    .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            List<Map<?, ?>> items = (List<Map<?, ?>>) answer.get("items");
            items.forEach(a -> listed.put(UUID.fromString(a.get("auditorId").toString()), (String) a.get("email")));
            if (items.size() < 500) {
                return listed;
            }
        }
    }

    private static org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec ownProfile(
            LocalApi api, String token) {
        return api.query().get().uri("/api/me/profile").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody();
    }

    /**
     * How many live rows each table holds about this account: its login, email lookup, data key and
     * entries in the export's index, and its row in the projection that lists it.
     */
    private Map<String, Long> rowsAbout(UUID account) throws java.sql.SQLException {
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        try (Connection c = pg.getDatabase("postgres", "at_rest").getConnection(); Statement st = c.createStatement()) {
            for (String where : List.of("credentials WHERE user_id", "email_lookup WHERE user_id",
                    "data_key WHERE subject_id", "personal_data_event WHERE subject_id",
                    "(SELECT auditor_id AS id FROM auditor_view UNION ALL SELECT instructor_id FROM instructor_profile)"
                            + " AS listed WHERE id")) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FROM " + where + "::text = '"
                        + account + "'")) {
                    rs.next();
                    rows.put(where, rs.getLong(1));
                }
            }
        }
        return rows;
    }

    /** The one value this query reads from a live row (a sealed column). */
    private String liveValue(String sql, UUID id) throws java.sql.SQLException {
        try (Connection c = pg.getDatabase("postgres", "at_rest").getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    /**
     * POSTs a statement by the email's owner with one attachment (multipart/mixed) holding the text,
     * about an activity whose definition names them too (as a client that writes a learner's name
     * into the activity it builds for them).
     */
    private static void attachmentNaming(LocalApi api, LocalApi.XapiCredential lms, String email, String text) {
        byte[] content = ("An essay by " + text).getBytes(StandardCharsets.UTF_8);
        String statement = "{\"actor\":{\"mbox\":\"mailto:" + email + "\"},"
                + "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/attempted\"},"
                + "\"object\":{\"id\":\"https://content.example/essay\",\"definition\":{\"name\":{\"en-US\":"
                + "\"Essay of " + text + "\"}}},"
                + "\"attachments\":[{\"usageType\":\"https://content.example/usage/essay\","
                + "\"display\":{\"en-US\":\"Essay\"},\"contentType\":\"text/plain\",\"length\":" + content.length
                + ",\"sha2\":\"" + LocalApi.sha256(content) + "\"}]}";
        api.command().post().uri("/xapi/statements").headers(LocalApi.xapi(lms))
                .contentType(LocalApi.MULTIPART_STATEMENT).bodyValue(LocalApi.withAttachment(statement, content))
                .exchange().expectStatus().isOk();
    }

    /** How many live rows of the table hold the text's UTF-8 bytes in this bytea column; the table must have rows. */
    private long liveRowsHolding(String table, String column, String text) throws java.sql.SQLException {
        try (Connection c = pg.getDatabase("postgres", "at_rest").getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*), count(*) FILTER (WHERE position("
                     + "convert_to(?, 'UTF8') IN " + column + ") > 0) FROM " + table)) {
            ps.setString(1, text);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows of " + table).isPositive();
                return rs.getLong(2);
            }
        }
    }

    /** The live rows of these tables, as text. */
    private String liveRows(String... tables) throws java.sql.SQLException {
        StringBuilder rows = new StringBuilder();
        try (Connection c = pg.getDatabase("postgres", "at_rest").getConnection(); Statement st = c.createStatement()) {
            for (String table : tables) {
                try (java.sql.ResultSet rs = st.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return rows.toString();
    }

    /**
     * Each file under the data directory holding a form of a marker, with the form. A checkpoint
     * first writes every page still only in shared buffers to its file, as a shutdown, a crash or a
     * file-level backup would find it.
     */
    private List<String> hits(List<String> markers) throws IOException, java.sql.SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CHECKPOINT");
        }
        Set<String> needles = new LinkedHashSet<>();
        for (String marker : markers) {
            for (String form : DatabaseDump.forms(marker)) {
                needles.add(new String(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
            needles.add(new String(marker.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes; // one char per byte, so String.indexOf searches bytes
                try {
                    bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (NoSuchFileException removedMeanwhile) {
                    continue;
                }
                for (String needle : needles) {
                    if (bytes.contains(needle)) {
                        found.add(data.relativize(file) + ": " + needle);
                    }
                }
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
            return List.of("(a file went while walking; again)");
        }
        return found;
    }
}
