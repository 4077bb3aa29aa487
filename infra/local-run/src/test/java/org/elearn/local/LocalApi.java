package org.elearn.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.testsupport.TestMailbox;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Both services on a test database, and the HTTP steps the end-to-end tests share. */
final class LocalApi implements AutoCloseable {

    static final String OPERATOR_EMAIL = "operator@e2e.example";
    static final String OPERATOR_PASSWORD = "operator-password-e2e";

    private final TestDatabases.TestDatabase db;
    private final Services services; // null for services that run elsewhere
    private final int commandSidePort;
    private final int querySidePort;
    private final Map<String, Object> common;
    private final java.time.Clock commandSideClock;
    private final java.util.List<org.springframework.context.ConfigurableApplicationContext> extra =
            new java.util.ArrayList<>();

    LocalApi(TestDatabases.TestDatabase db, String secretsDir) {
        this(db, secretsDir, Map.of());
    }

    /** With settings for the query side only, e.g. a faster audit sealer. */
    LocalApi(TestDatabases.TestDatabase db, String secretsDir, Map<String, Object> querySideOnly) {
        this(db, secretsDir, Map.of(), querySideOnly, null);
    }

    /** With settings for both sides, e.g. shorter connection timeouts. */
    static LocalApi withSettings(TestDatabases.TestDatabase db, String secretsDir, Map<String, Object> bothSides) {
        return new LocalApi(db, secretsDir, bothSides, Map.of(), null);
    }

    /** With the command side reading time from this clock, so a test can move past a deadline. */
    LocalApi(TestDatabases.TestDatabase db, String secretsDir, java.time.Clock commandSideClock) {
        this(db, secretsDir, Map.of(), Map.of(), commandSideClock);
    }

    /** With these settings on both sides and the command side reading time from this clock. */
    static LocalApi withSettingsAndClock(TestDatabases.TestDatabase db, String secretsDir, Map<String, Object> bothSides,
                                         java.time.Clock commandSideClock) {
        return new LocalApi(db, secretsDir, bothSides, Map.of(), commandSideClock);
    }

    private LocalApi(TestDatabases.TestDatabase db, String secretsDir, Map<String, Object> bothSides,
                     Map<String, Object> querySideOnly, java.time.Clock commandSideClock) {
        Map<String, Object> common = new java.util.HashMap<>(Map.of("learning.db.url", db.learningUrl(),
                "learning.db.user", db.user(), "learning.db.password", db.password(), "learning.secrets.dir",
                secretsDir, "learning.crypto.kek", TestKeys.KEK, "server.port", 0,
                // every test registers from the same address
                "learning.registration.max-requests-per-address", 100_000));
        common.putAll(bothSides);
        this.db = db;
        this.common = Map.copyOf(common);
        this.commandSideClock = commandSideClock;
        this.services = Services.start(common,
                Map.of("learning.operator.email", OPERATOR_EMAIL, "learning.operator.password", OPERATOR_PASSWORD),
                querySideOnly, context -> {
                    if (commandSideClock != null) {
                        context.getBeanFactory().registerSingleton("clock", commandSideClock);
                    }
                });
        this.commandSidePort = services.commandSidePort();
        this.querySidePort = services.querySidePort();
    }

    private LocalApi(int commandSidePort, int querySidePort) {
        this.db = null;
        this.services = null;
        this.common = Map.of();
        this.commandSideClock = null;
        this.commandSidePort = commandSidePort;
        this.querySidePort = querySidePort;
    }

    /**
     * The HTTP steps against services that run elsewhere (other processes, behind a proxy: then both
     * ports are the proxy's), whose first operator is {@link #OPERATOR_EMAIL}. Closing it stops nothing.
     */
    static LocalApi remote(int commandSidePort, int querySidePort) {
        return new LocalApi(commandSidePort, querySidePort);
    }

    /** Starts one more query-side instance on the same database; closed with the rest. */
    org.springframework.context.ConfigurableApplicationContext anotherQuerySide() {
        Map<String, Object> settings = new java.util.HashMap<>(common);
        settings.put("learning.auth.jwks-uri",
                "http://localhost:" + services.commandSidePort() + "/.well-known/jwks.json");
        var context = Services.run(org.elearn.query.QuerySideApplication.application(), settings);
        extra.add(context);
        return context;
    }

    /** Starts one more command-side instance on the same database, on the same clock; closed with the rest. */
    org.springframework.context.ConfigurableApplicationContext anotherCommandSide() {
        Map<String, Object> settings = new java.util.HashMap<>(common);
        settings.put("learning.operator.email", OPERATOR_EMAIL);
        settings.put("learning.operator.password", OPERATOR_PASSWORD);
        var application = org.elearn.command.CommandSideApplication.application();
        if (commandSideClock != null) {
            application.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", commandSideClock));
        }
        var context = Services.run(application, settings);
        extra.add(context);
        return context;
    }

    static int port(org.springframework.context.ConfigurableApplicationContext context) {
        return ((org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext) context)
                .getWebServer().getPort();
    }

    /**
     * Every route a side's controllers map, as {@code "METHOD pattern"}; a mapping for any method is
     * {@code ANY}. Actuator and static resources have mappings of their own, not listed.
     */
    static java.util.SortedSet<String> routes(org.springframework.context.ConfigurableApplicationContext context) {
        return context.getBean("requestMappingHandlerMapping",
                        org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class)
                .getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternsCondition().getPatterns().stream()
                        .flatMap(pattern -> (info.getMethodsCondition().getMethods().isEmpty()
                                ? java.util.stream.Stream.of("ANY")
                                : info.getMethodsCondition().getMethods().stream().map(Object::toString))
                                .map(method -> method + " " + pattern.getPatternString())))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    Services services() {
        return services;
    }

    /** The database both services run on. */
    TestDatabases.TestDatabase database() {
        return db;
    }

    WebTestClient command() {
        return client(commandSidePort);
    }

    WebTestClient query() {
        return client(querySidePort);
    }

    /**
     * A client of the service on this port. It waits up to 60 s for an answer, not WebTestClient's
     * 5 s: on a 2-core machine busy with other work a login (Argon2) or a first request can take longer.
     */
    static WebTestClient client(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    WebTestClient side(boolean commandSide) {
        return commandSide ? command() : query();
    }

    String login(String email, String password) {
        return command().post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    String operator() {
        return login(OPERATOR_EMAIL, OPERATOR_PASSWORD);
    }

    UUID organization(String operator, String name) {
        return UUID.fromString(command().post().uri("/api/organizations").headers(h -> h.setBearerAuth(operator))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "dataRegion", "eu"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("organizationId").toString());
    }

    record Admin(UUID id, String email, String token) {
    }

    /**
     * Self-registers through {@code path} ({@code /api/instructors} or {@code /api/administrators}) and
     * verifies with the code from the local mailbox; the new account's id.
     */
    UUID registered(String operator, String path, Map<String, ?> body) {
        return TestMailbox.registered(command(), operator, path, body);
    }

    /** Registers an administrator with one document, has the operator approve them, and logs them in. */
    Admin approvedAdmin(String operator, UUID organization, String name, String email) {
        UUID id = registered(operator, "/api/administrators", Map.of("organizationId", organization, "name", name,
                "email", email, "password", "long-enough-password", "documents", List.of(Map.of("type", "NDA",
                        "uri", "https://files.example/" + name + ".pdf", "sha256", "d".repeat(64)))));
        command().post().uri("/api/administrators/{id}/approval", id).headers(h -> h.setBearerAuth(operator))
                .exchange().expectStatus().isNoContent();
        return new Admin(id, email, login(email, "long-enough-password"));
    }

    /** The newest invitation code sent to this email, read from the local mailbox as an operator. */
    String invitationCode(String operator, String email) {
        return invitationCode(operator, email, 1);
    }

    /** As {@link #invitationCode(String, String)}, once this many invitations (or resends) arrived. */
    String invitationCode(String operator, String email, int invitations) {
        return TestMailbox.code(command(), operator, email, "invitation", invitations);
    }

    /** The local mailbox of this recipient, newest first, as an operator reads it. */
    List<Map<String, Object>> mailbox(String operator, String email) {
        return TestMailbox.read(command(), operator, email);
    }

    /** Accepts an invitation with a standard test password. */
    void accept(String code, String name) {
        command().post().uri("/api/invitations/acceptance").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code, "name", name, "password", "long-enough-password"))
                .exchange().expectStatus().isCreated();
    }

    /** Invites someone with a role, accepts, and logs them in. */
    String joined(String operator, String admin, UUID organization, String email, String role) {
        command().post().uri("/api/organizations/{id}/invitations", organization).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("email", email, "role", role))
                .exchange().expectStatus().isCreated();
        accept(invitationCode(operator, email), role + " Person");
        return login(email, "long-enough-password");
    }

    /** A course the instructor drafted (one video lesson with this id) and published; its id. */
    String publishedCourse(String instructor, UUID organization, String title, UUID lesson) {
        String courseId = command().post().uri("/api/organizations/{o}/courses", organization)
                .headers(h -> h.setBearerAuth(instructor)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title, "language", "en", "sections", List.of(Map.of("title", "Basics",
                        "lessons", List.of(Map.of("lessonId", lesson, "title", "Watch", "kind", "VIDEO",
                                "contentUri", "https://v.example/1", "durationMinutes", 5))))))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("courseId").toString();
        command().post().uri("/api/organizations/{o}/courses/{c}/publication", organization, courseId)
                .headers(h -> h.setBearerAuth(instructor)).exchange().expectStatus().isNoContent();
        return courseId;
    }

    /** An xAPI ingestion credential: Basic auth for {@code /xapi/statements}. */
    record XapiCredential(String key, String secret) {
    }

    /** Issues an ingestion credential for the organization, as its administrator. */
    XapiCredential xapiCredential(String admin, UUID organization) {
        Map<?, ?> credential = command().post().uri("/api/organizations/{o}/xapi-credentials", organization)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "LMS")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return new XapiCredential(credential.get("key").toString(), credential.get("secret").toString());
    }

    /** A row of a member import: the trainee's name, department and the mailbox of their email. */
    record Trainee(String name, String mailbox, String department) {
    }

    /** Ann and Ben in Sales, Cid in Ops; mailboxes {@code ann}, {@code ben}, {@code cid}. */
    static final List<Trainee> ANN_BEN_CID = List.of(new Trainee("Ann", "ann", "Sales"),
            new Trainee("Ben", "ben", "Sales"), new Trainee("Cid", "cid", "Ops"));

    /** "Trainee 0" (mailbox {@code t0}) and on, spread over "Dept 0" to "Dept {@code departments - 1}". */
    static List<Trainee> numberedTrainees(int count, int departments) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new Trainee("Trainee " + i, "t" + i, "Dept " + i % departments)).toList();
    }

    /**
     * An organization set up by {@link #organizationWithTrainees}. Its emails, the administrator's
     * included, are {@code mailbox-tag@domain} with a tag of its own, so organizations made by tests
     * that share one pair of services never meet.
     */
    record TrainingOrganization(UUID id, String adminEmail, String admin, XapiCredential credential, String tag,
                                String domain) {

        String email(String mailbox) {
            return mailbox + "-" + tag + "@" + domain;
        }
    }

    /**
     * A new organization with an approved administrator (mailbox: their name in lower case), an
     * ingestion credential, and these trainees imported (none: no import).
     */
    TrainingOrganization organizationWithTrainees(String operator, String name, String adminName, String domain,
                                                  List<Trainee> trainees) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        UUID organization = organization(operator, name);
        String adminEmail = adminName.toLowerCase(java.util.Locale.ROOT) + "-" + tag + "@" + domain;
        String admin = approvedAdmin(operator, organization, adminName, adminEmail).token();
        TrainingOrganization created = new TrainingOrganization(organization, adminEmail, admin,
                xapiCredential(admin, organization), tag, domain);
        if (!trainees.isEmpty()) {
            importTrainees(created, trainees);
        }
        return created;
    }

    /** Imports these trainees into the organization as its administrator; their emails. */
    List<String> importTrainees(TrainingOrganization organization, List<Trainee> trainees) {
        StringBuilder csv = new StringBuilder("name,phone,email,department\r\n");
        List<String> emails = trainees.stream().map(t -> organization.email(t.mailbox())).toList();
        for (int i = 0; i < trainees.size(); i++) {
            csv.append(trainees.get(i).name()).append(",,").append(emails.get(i)).append(',')
                    .append(trainees.get(i).department()).append("\r\n");
        }
        command().post().uri("/api/organizations/{id}/member-imports", organization.id())
                .headers(h -> h.setBearerAuth(organization.admin())).contentType(MediaType.parseMediaType("text/csv"))
                .bodyValue(csv.toString()).exchange().expectStatus().isOk();
        return emails;
    }

    /** Ingests statements (one object or a list) with the credential; expects 200. */
    void ingest(XapiCredential credential, Object statements) {
        command().post().uri("/xapi/statements").headers(h -> {
                    h.setBasicAuth(credential.key(), credential.secret());
                    h.set("X-Experience-API-Version", "1.0.3");
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(statements).exchange().expectStatus().isOk();
    }

    /** The headers of an xAPI request with the credential: Basic auth and the version header. */
    static java.util.function.Consumer<org.springframework.http.HttpHeaders> xapi(XapiCredential credential) {
        return h -> {
            h.setBasicAuth(credential.key(), credential.secret());
            h.set("X-Experience-API-Version", "1.0.3");
        };
    }

    /** The content type of {@link #withAttachment}'s bodies. */
    static final MediaType MULTIPART_STATEMENT = MediaType.parseMediaType("multipart/mixed; boundary=b1");

    /** The hex SHA-256 of the content, as an attachment's {@code sha2} names it. */
    static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The xAPI attachment format's body ({@link #MULTIPART_STATEMENT}): the statement (JSON text,
     * whose attachment object names the content's {@link #sha256}), then the content as its part.
     */
    static byte[] withAttachment(String statement, byte[] content) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--b1\r\nContent-Type: application/json\r\n\r\n" + statement + "\r\n--b1\r\n"
                + "Content-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: "
                + sha256(content) + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n--b1--\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A statement that the member with this email spent {@code duration} (ISO-8601) on a video. */
    static Map<String, Object> experienced(String email, String duration) {
        return Map.of("actor", Map.of("mbox", "mailto:" + email),
                "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/experienced"),
                "object", Map.of("id", "https://content.example/video/1"),
                "result", Map.of("duration", duration));
    }

    /** The member id of the organization's member with this name, once the member list shows them. */
    UUID memberId(String admin, UUID organization, String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<?, ?> page = query().get().uri("/api/organizations/{o}/members?size=100", organization)
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            return ((List<Map<?, ?>>) page.get("items")).stream().filter(m -> name.equals(m.get("name")))
                    .map(m -> UUID.fromString(m.get("memberId").toString())).findFirst().orElse(null);
        }, java.util.Objects::nonNull);
    }

    /** The user id a token was issued to. */
    static UUID subjectOf(String token) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return UUID.fromString(claims.replaceAll("(?s).*\"sub\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
    }

    @Override
    public void close() {
        extra.forEach(org.springframework.context.ConfigurableApplicationContext::close);
        if (services != null) {
            services.close();
        }
    }
}
