package org.elearn.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The command side's local mailbox as tests read it ({@code GET /api/operator/mailbox}, as an
 * operator), and self-registration through it: register, read the mailed code, verify, the way a
 * person does.
 */
public final class TestMailbox {

    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private TestMailbox() {
    }

    /** The messages to this recipient, newest first. */
    public static List<Map<String, Object>> read(WebTestClient commandSide, String operator, String recipient) {
        return commandSide.get().uri("/api/operator/mailbox?recipient={r}", recipient)
                .headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isOk()
                .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    /** The newest code a message to this recipient gives on its line {@code "Your <label> code: "}. */
    public static String code(WebTestClient commandSide, String operator, String recipient, String label) {
        return code(commandSide, operator, recipient, label, 1);
    }

    /** As {@link #code(WebTestClient, String, String, String)}, once at least this many such messages arrived. */
    public static String code(WebTestClient commandSide, String operator, String recipient, String label,
                              int messages) {
        String line = "Your " + label + " code: ";
        await().atMost(DELIVERY).until(() -> withLine(commandSide, operator, recipient, line).size() >= messages);
        return withLine(commandSide, operator, recipient, line).get(0).replaceAll("(?s).*" + line + "(\\S+).*", "$1");
    }

    private static List<String> withLine(WebTestClient commandSide, String operator, String recipient, String line) {
        return read(commandSide, operator, recipient).stream().map(m -> m.get("body").toString())
                .filter(body -> body.contains(line)).toList();
    }

    /**
     * Self-registers through {@code path} ({@code /api/instructors} or {@code /api/administrators}),
     * expecting the one answer (202), then verifies with the code mailed to the body's email, and
     * answers the verification's 201 body ({@code instructorId} or {@code administratorId}).
     */
    public static Map<String, Object> register(WebTestClient commandSide, String operator, String path,
                                               Map<String, ?> body) {
        String email = body.get("email").toString();
        int before = withLine(commandSide, operator, email, "Your verification code: ").size();
        commandSide.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("verification-sent");
        String code = code(commandSide, operator, email, "verification", before + 1);
        return verify(commandSide, code).expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    /** As {@link #register}, answering the new account's id. */
    public static UUID registered(WebTestClient commandSide, String operator, String path, Map<String, ?> body) {
        Map<String, Object> answer = register(commandSide, operator, path, body);
        Object id = answer.containsKey("instructorId") ? answer.get("instructorId") : answer.get("administratorId");
        return UUID.fromString(id.toString());
    }

    public static WebTestClient.ResponseSpec verify(WebTestClient commandSide, String code) {
        return commandSide.post().uri("/api/registrations/verification").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange();
    }
}
