package org.elearn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code rebuild <projection>}: the operator's command line for a projection rebuild. Logs in as
 * the operator, starts the rebuild on the query side, and draws a progress bar from the status
 * endpoint until the rebuild is done. The services must be running.
 * <p>Settings: {@code LEARNING_COMMAND_URL} (default {@code http://localhost:8080}),
 * {@code LEARNING_QUERY_URL} ({@code http://localhost:8081}), {@code LEARNING_OPERATOR_EMAIL} and
 * {@code LEARNING_OPERATOR_PASSWORD} (default: the local run's generated operator).
 */
public final class RebuildCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BAR = 40;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String commandUrl;
    private final String queryUrl;

    private RebuildCommand(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    public static int run(String[] args, Map<String, String> env, Path secrets, PrintStream out)
            throws IOException, InterruptedException {
        if (args.length != 1) {
            out.println("usage: rebuild <projection>   (for example: rebuild learning-report)");
            return 2;
        }
        RebuildCommand command = new RebuildCommand(env.getOrDefault("LEARNING_COMMAND_URL", "http://localhost:8080"),
                env.getOrDefault("LEARNING_QUERY_URL", "http://localhost:8081"));
        String email = env.getOrDefault("LEARNING_OPERATOR_EMAIL", "operator@localhost");
        String password = env.get("LEARNING_OPERATOR_PASSWORD");
        if (password == null) {
            password = Files.readString(secrets.resolve("initial-operator-password")).strip();
        }
        return command.rebuild(args[0], command.login(email, password), out);
    }

    private String login(String email, String password) throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(commandUrl + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email,
                        "password", password)))).build(), 200);
        return answer.get("accessToken").asText();
    }

    private int rebuild(String projection, String token, PrintStream out) throws IOException, InterruptedException {
        URI uri = URI.create(queryUrl + "/api/operations/projections/" + projection + "/rebuild");
        send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
        while (true) {
            JsonNode status = send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build(),
                    200);
            String state = status.get("state").asText();
            double percent = status.get("percent").asDouble();
            int filled = (int) Math.round(percent / 100 * BAR);
            out.printf("\r%s [%s%s] %5.1f%%  %,d/%,d  %,.0f events/s  ETA %s   ", projection, "#".repeat(filled),
                    " ".repeat(BAR - filled), percent, Math.max(0, status.get("position").asLong()),
                    Math.max(0, status.get("head").asLong()), status.get("eventsPerSecond").asDouble(),
                    status.get("etaSeconds").isNull() ? "-" : status.get("etaSeconds").asLong() + " s");
            if (state.equals("DONE") || state.equals("FAILED")) {
                out.println();
                out.println(state.equals("DONE") ? "rebuilt and swapped in" : "failed: " + status.get("error").asText());
                return state.equals("DONE") ? 0 : 1;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private JsonNode send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

}
