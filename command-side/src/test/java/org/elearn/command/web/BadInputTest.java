package org.elearn.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
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
    @Autowired
    org.springframework.context.ApplicationContext context;

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
                                                      String body, String field) {
        // course routes are for instructors: the role is checked before the body is read
        String token = !signedIn ? null : uri.contains("/courses") ? instructorToken()
                : TestTokens.login(web, "operator@test.example", "operator-password-123");
        before = counts();
        String response = web.method(method).uri(uri).headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                }).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:elearn:problem:unknown-field")
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .returnResult().toString();
        assertNoInternals(response);
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
    void aLessonIdThatIsNotAUuidIsNamed() {
        String token = instructorToken();
        before = counts();
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

    private String instructorToken() {
        return TestAccounts.loggedIn(context, web, java.util.UUID.randomUUID(), "INSTRUCTOR", "long-enough-password")
                .token();
    }

    private List<Long> counts() {
        return Stream.of("domain_event_entry", "credentials", "email_lookup")
                .map(t -> jdbc.queryForObject("SELECT count(*) FROM " + t, Long.class))
                .toList();
    }
}
