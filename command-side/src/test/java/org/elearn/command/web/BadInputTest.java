package org.elearn.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.elearn.command.CommandSideTest;
import org.elearn.support.security.AuthProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Every kind of bad input gets a clear problem+json 4xx, leaks nothing internal, and stores nothing. */
@CommandSideTest
class BadInputTest {

    @Autowired
    WebTestClient web;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;
    @Autowired
    RSAKey signingKey;
    @Autowired
    AuthProperties auth;

    private List<Long> before;

    @BeforeEach
    void countRows() {
        before = counts();
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(counts()).isEqualTo(before);
    }

    static Stream<Arguments> badBodies() {
        String valid = "\"name\":\"N\",\"email\":\"n@example.com\",\"phone\":\"+1 555 0100\",\"password\":\"long-enough-password\"";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": \"N\",", HttpStatus.BAD_REQUEST, "malformed-request"),
                Arguments.of("not an object", "[1,2,3]", HttpStatus.BAD_REQUEST, "malformed-request"),
                Arguments.of("empty body", "", HttpStatus.BAD_REQUEST, "malformed-request"),
                Arguments.of("wrong type", "{" + valid.replace("\"name\":\"N\"", "\"name\":42") + "}",
                        HttpStatus.BAD_REQUEST, "malformed-request"),
                Arguments.of("object for string", "{" + valid.replace("\"name\":\"N\"", "\"name\":{}") + "}",
                        HttpStatus.BAD_REQUEST, "malformed-request"),
                Arguments.of("invalid email", "{" + valid.replace("n@example.com", "not-an-email") + "}",
                        HttpStatus.BAD_REQUEST, "validation-failed"),
                Arguments.of("short password", "{" + valid.replace("long-enough-password", "short") + "}",
                        HttpStatus.BAD_REQUEST, "validation-failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsAProblemAndStoresNothing(String label, String body, HttpStatus status, String code) {
        String response = web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:" + code)
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.detail").isNotEmpty()
                .returnResult().toString();
        assertNoInternals(response);
    }

    static Stream<Arguments> unknownFields() {
        String lesson = "{\"title\":\"Intro\",\"kind\":\"VIDEO\",\"contentUri\":\"https://v.example/1\"";
        return Stream.of(
                Arguments.of("registration", HttpMethod.POST, "/api/instructors", false,
                        "{\"name\":\"N\",\"email\":\"n-extra@example.com\",\"phone\":\"+1 555 0100\","
                                + "\"password\":\"long-enough-password\",\"role\":\"OPERATOR\"}", "role"),
                Arguments.of("registration verification", HttpMethod.POST, "/api/registrations/verification", false,
                        "{\"code\":\"some-code\",\"email\":\"n@example.com\"}", "email"),
                Arguments.of("login", HttpMethod.POST, "/api/auth/login", false,
                        "{\"email\":\"operator@test.example\",\"password\":\"operator-password-123\","
                                + "\"rememberMe\":true}", "rememberMe"),
                Arguments.of("cookie consent", HttpMethod.PUT, "/api/me/cookie-consent", true,
                        "{\"analytics\":true,\"personalisation\":false,\"policyVersion\":\"1\","
                                + "\"marketing\":true}", "marketing"),
                Arguments.of("own profile", HttpMethod.PUT, "/api/me/profile", true,
                        "{\"name\":\"Op\",\"nick_name\":\"O\"}", "nick_name"),
                Arguments.of("a lesson inside a course", HttpMethod.POST,
                        "/api/organizations/" + UUID.randomUUID() + "/courses", true,
                        "{\"title\":\"T\",\"language\":\"en\",\"sections\":[{\"title\":\"S\",\"lessons\":["
                                + lesson + "}," + lesson + ",\"colour\":\"red\"}]}]}", "sections[0].lessons[1].colour"));
    }

    /** A field the endpoint does not know is refused with its name, whatever the endpoint, before anything runs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownFields")
    void anUnknownFieldIsA400NamingItAndStoresNothing(String label, HttpMethod method, String uri, boolean signedIn,
                                                      String body, String field) throws Exception {
        String token = signedIn ? everyRole(uri) : null;
        before = counts();
        refused(token, method, uri, body, "unknown-field").jsonPath("$.errors[0].field").isEqualTo(field);
    }

    static Stream<Arguments> controlCharacters() {
        UUID org = UUID.randomUUID();
        UUID someone = UUID.randomUUID();
        String nul = "\\u0000";
        return Stream.of(
                Arguments.of("own profile", HttpMethod.PUT, "/api/me/profile",
                        "{\"name\":\"Op" + nul + "\"}", "name"),
                Arguments.of("instructor public profile", HttpMethod.PUT, "/api/instructors/" + someone + "/public-profile",
                        "{\"headline\":\"H\",\"workExperience\":[{\"organization\":\"A\\u001b[2J\",\"title\":\"T\","
                                + "\"from\":\"2020-01-01\"}]}", "workExperience[0].organization"),
                Arguments.of("social link in a list", HttpMethod.PUT, "/api/instructors/" + someone + "/public-profile",
                        "{\"socialLinks\":[\"https://a.example/\\u0085\"]}", "socialLinks[0]"),
                Arguments.of("course title", HttpMethod.POST, "/api/organizations/" + org + "/courses",
                        "{\"title\":\"T" + nul + "\",\"language\":\"en\",\"sections\":[]}", "title"),
                Arguments.of("member edit", HttpMethod.PUT, "/api/organizations/" + org + "/members/" + someone,
                        "{\"email\":\"m@example.com\",\"department\":\"Sales\\uD800\"}", "department"),
                Arguments.of("organization name", HttpMethod.POST, "/api/organizations",
                        "{\"name\":\"Org" + nul + "\",\"dataRegion\":\"sg\"}", "name"),
                Arguments.of("rejection reason", HttpMethod.POST, "/api/administrators/" + someone + "/rejection",
                        "{\"reason\":\"\\u007f\"}", "reason"));
    }

    /**
     * A character PostgreSQL cannot store, or that has no place in text, is refused with the field's
     * name by every JSON endpoint through the one rule, before anything runs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("controlCharacters")
    void aControlCharacterInAnyJsonFieldIsA400NamingIt(String label, HttpMethod method, String uri, String body,
                                                       String field) throws Exception {
        refused(everyRole(uri), method, uri, body, "invalid-characters").jsonPath("$.errors[0].field").isEqualTo(field);
    }

    static Stream<Arguments> looseJson() {
        String retention = "/api/organizations/" + UUID.randomUUID() + "/retention-policy";
        return Stream.of(
                Arguments.of("trailing garbage", HttpMethod.PUT, retention, "{\"afterInactivityDays\":3000}}}}garbage"),
                Arguments.of("a second document", HttpMethod.PUT, retention, "{\"afterInactivityDays\":3000} {}"),
                Arguments.of("duplicate key", HttpMethod.PUT, retention,
                        "{\"afterInactivityDays\":3000,\"afterInactivityDays\":30}"),
                Arguments.of("blank string for a number", HttpMethod.PUT, retention,
                        "{\"afterDeactivationDays\":\" \",\"afterInactivityDays\":30}"),
                Arguments.of("empty string for a number", HttpMethod.PUT, retention,
                        "{\"afterDeactivationDays\":\"\",\"afterInactivityDays\":30}"),
                Arguments.of("duplicate key in the rejection", HttpMethod.POST,
                        "/api/administrators/" + UUID.randomUUID() + "/rejection", "{\"reason\":\"a\",\"reason\":\"b\"}"),
                Arguments.of("blank string for a boolean", HttpMethod.PUT, "/api/me/cookie-consent",
                        "{\"analytics\":\" \",\"personalisation\":false,\"policyVersion\":\"1\"}"),
                Arguments.of("empty string for a boolean", HttpMethod.PUT, "/api/me/cookie-consent",
                        "{\"analytics\":\"\",\"personalisation\":false,\"policyVersion\":\"1\"}"));
    }

    /** Trailing tokens, a key given twice and a blank for a scalar are refused, on every JSON endpoint alike. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("looseJson")
    void looseJsonIsA400(String label, HttpMethod method, String uri, String body) throws Exception {
        refused(everyRole(uri), method, uri, body, "malformed-request");
    }

    /** Sends a JSON body (with a token, when there is one) and checks it is a 400 of this type, free of internals. */
    private WebTestClient.BodyContentSpec refused(String token, HttpMethod method, String uri, String body, String code) {
        WebTestClient.BodyContentSpec response = web.method(method).uri(uri).headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:" + code);
        assertNoInternals(response.returnResult().toString());
        return response;
    }

    @Test
    void aControlCharacterInAQueryParameterOrPathIsA400NamingIt() throws Exception {
        String token = everyRole(UUID.randomUUID());
        web.get().uri(URI.create("/api/organizations/" + UUID.randomUUID() + "/rights-requests?department=a%00b"))
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:invalid-characters")
                .jsonPath("$.errors[0].field").isEqualTo("department");
        web.put().uri(URI.create("/xapi/statements?statementId=%01")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("statementId");
        String response = raw("GET /api/organizations/a%00b/members HTTP/1.1", "Authorization: Bearer " + token);
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json",
                "urn:elearn:problem:invalid-characters", "\"field\":\"path\"");
    }

    @Test
    void aParameterOfTheWrongTypeIsNamedWithoutEchoingIt() throws Exception {
        String token = everyRole(UUID.randomUUID());
        String response = web.post().uri("/api/organizations/{o}/members/{m}/deactivation", "<script>x",
                        UUID.randomUUID())
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("organizationId")
                .jsonPath("$.errors[0].message").isEqualTo("must be a UUID")
                .jsonPath("$.detail").isEqualTo("The parameter organizationId must be a UUID.")
                .returnResult().toString();
        assertNoInternals(response);
        assertThat(response).doesNotContain("Failed to convert", "<script>");
    }

    /**
     * The refusals of the HTTP server below Spring, and of the security firewall, carry a problem body
     * like every other error. Sent over a socket: no HTTP client sends such requests as they are.
     */
    @Test
    void theServersOwnRefusalsAreProblems() throws Exception {
        assertThat(raw("GET /api/" + "a".repeat(10_000) + " HTTP/1.1", "X-A: b"))
                .startsWith("HTTP/1.1 414").contains("application/problem+json", "urn:elearn:problem:uri-too-long");
        assertThat(raw("GET /api/instructors HTTP/1.1", "X-Big: " + "b".repeat(20_000)))
                .startsWith("HTTP/1.1 431").contains("application/problem+json", "urn:elearn:problem:headers-too-large");
        assertThat(raw("GET /api/organizations/a%2Fb/members HTTP/1.1", "X-A: b"))
                .startsWith("HTTP/1.1 400").contains("application/problem+json", "urn:elearn:problem:malformed-request");
        assertThat(raw("GET /api/a{b}|c HTTP/1.1", "X-A: b"))
                .startsWith("HTTP/1.1 400").contains("application/problem+json", "urn:elearn:problem:malformed-request");
    }

    /** One request as written, on its own connection; the whole answer as text. */
    private String raw(String requestLine, String header) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\n" + header
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** The same, for the organization {@code uri} is in, if any. */
    private String everyRole(String uri) throws Exception {
        return everyRole(uri.startsWith("/api/organizations/") ? UUID.fromString(uri.split("/")[3]) : UUID.randomUUID());
    }

    /** A token carrying every role, for this organization: the refusals come before any role matters. */
    private String everyRole(UUID organization) throws Exception {
        return TestTokens.sign(signingKey, TestTokens.claims(auth.issuer(), auth.audience(),
                        Instant.now().plusSeconds(300))
                .claim("roles", List.of("OPERATOR", "ORG_ADMIN", "INSTRUCTOR", "TRAINEE"))
                .claim("org", organization.toString()).build());
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":42,\"email\":\"n@example.com\",\"phone\":\"+1 555 0100\","
                        + "\"password\":\"long-enough-password\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:malformed-request")
                .jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
    }

    @Test
    void aLessonIdThatIsNotAUuidIsNamed() throws Exception {
        String token = everyRole(UUID.randomUUID());
        String course = "{\"title\":\"C\",\"language\":\"en\",\"sections\":[{\"title\":\"S\",\"lessons\":["
                + "{\"lessonId\":\"intro\",\"title\":\"L\",\"kind\":\"ASSIGNMENT\"}]}]}";
        String response = web.post().uri("/api/organizations/{org}/courses", java.util.UUID.randomUUID())
                .headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(course)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:malformed-request")
                .jsonPath("$.detail").isEqualTo("The field sections[0].lessons[0].lessonId must be a UUID.")
                .jsonPath("$.errors[0].field").isEqualTo("sections[0].lessons[0].lessonId")
                .jsonPath("$.errors[0].message").isEqualTo("must be a UUID")
                .returnResult().toString();
        assertNoInternals(response);
    }

    @Test
    void missingFieldsAreEachListed() {
        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:validation-failed")
                .jsonPath("$.errors[*].field").value(fields ->
                        assertThat((List<String>) fields).contains("name", "email", "phone", "password"));
    }

    @Test
    void wrongContentTypeIs415() {
        web.post().uri("/api/instructors").contentType(MediaType.TEXT_PLAIN).bodyValue("name=N")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:unsupported-media-type");
    }

    @Test
    void declaredOversizeBodyIs413() {
        byte[] big = ("{\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);
        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON).bodyValue(big)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:body-too-large");
    }

    @Test
    void chunkedOversizeBodyIs413() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        Flux<DataBuffer> body = Flux.concat(
                Flux.just(buffers.wrap("{\"name\":\"".getBytes(StandardCharsets.UTF_8))),
                Flux.range(0, 20).map(i -> buffers.wrap(chunk)),
                Flux.just(buffers.wrap("\"}".getBytes(StandardCharsets.UTF_8))));
        web.post().uri("/api/instructors").contentType(MediaType.APPLICATION_JSON)
                .body(body, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void unknownRouteWithoutTokenIs401Problem() {
        web.get().uri("/api/no-such-thing").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
    }

    @Test
    void unknownRouteWithTokenIs404Problem() {
        String token = TestTokens.login(web, "operator@test.example", "operator-password-123");
        String response = web.get().uri("/api/no-such-thing").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:elearn:problem:not-found")
                .returnResult().toString();
        assertNoInternals(response);
    }

    @Test
    void wrongMethodWithTokenIs405Problem() {
        String token = TestTokens.login(web, "operator@test.example", "operator-password-123");
        web.delete().uri("/api/instructors").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    static void assertNoInternals(String response) {
        String body = response.substring(response.indexOf("< "));
        assertThat(body).doesNotContain("org.springframework", "java.", "com.fasterxml", "Exception", "SQL",
                "at org.", "elearn.command");
    }

    private List<Long> counts() {
        return Stream.of("domain_event_entry", "credentials", "email_lookup")
                .map(t -> jdbc.queryForObject("SELECT count(*) FROM " + t, Long.class))
                .toList();
    }
}
