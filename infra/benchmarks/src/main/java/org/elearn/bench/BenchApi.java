package org.elearn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks do through a running system's public API, and where they find it. */
final class BenchApi {

    static final ObjectMapper JSON = new ObjectMapper();

    final String base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    BenchApi(String base) {
        this.base = base;
    }

    /** An organization set up for a benchmark: its administrator, trainees and ingestion credential. */
    record Organization(UUID id, String adminToken, String basic, String adminEmail, List<String> trainees) {
    }

    static BenchApi commandSide() {
        return new BenchApi(env("COMMAND_SIDE_URL", "http://localhost:8080"));
    }

    String operator() throws Exception {
        return login("operator@localhost", Files.readString(Path.of(env("LEARNING_SECRETS_DIR",
                System.getProperty("user.home") + "/.learning-platform/secrets"), "initial-operator-password")).strip());
    }

    /** An organization with an approved administrator, imported trainees (50,000 per upload) and a credential. */
    Organization organization(String operator, String name, int trainees) throws Exception {
        return organization(operator, name, trainees, 12);
    }

    /** As {@link #organization(String, String, int)}, the trainees spread over departments "Dept 0" and on. */
    Organization organization(String operator, String name, int trainees, int departments) throws Exception {
        UUID org = UUID.fromString(post("/api/organizations", operator,
                Map.of("name", name, "dataRegion", "eu")).get("organizationId").asText());
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String email = "admin-" + slug + "@bench.example";
        String admin = register(operator, "/api/administrators", Map.of("organizationId", org, "name", "Bench Admin",
                "email", email, "password", "benchmark-password")).get("administratorId").asText();
        send(HttpRequest.newBuilder(URI.create(base + "/api/administrators/" + admin + "/approval"))
                .header("Authorization", "Bearer " + operator).POST(HttpRequest.BodyPublishers.noBody()));
        String token = login(email, "benchmark-password");
        List<String> emails = new ArrayList<>(trainees);
        for (int start = 0; start < trainees; start += 50_000) {
            StringBuilder csv = new StringBuilder("name,phone,email,department\n");
            for (int i = start; i < Math.min(trainees, start + 50_000); i++) {
                String trainee = "trainee-" + slug + "-" + i + "@bench.example";
                emails.add(trainee);
                csv.append("Trainee ").append(i).append(",,").append(trainee).append(",Dept ").append(i % departments)
                        .append('\n');
            }
            send(HttpRequest.newBuilder(URI.create(base + "/api/organizations/" + org + "/member-imports"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
        }
        JsonNode credential = post("/api/organizations/" + org + "/xapi-credentials", token,
                Map.of("label", "Bench LMS", "refusesUnknownActors", false));
        String basic = "Basic " + Base64.getEncoder().encodeToString((credential.get("key").asText() + ":"
                + credential.get("secret").asText()).getBytes(StandardCharsets.UTF_8));
        return new Organization(org, token, basic, email, emails);
    }

    /** An organization {@link #organization} set up earlier, found by its name: a new credential, same trainees. */
    Organization existing(String name, int trainees) throws Exception {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String email = "admin-" + slug + "@bench.example";
        String token = login(email, "benchmark-password");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        UUID org = UUID.fromString(JSON.readTree(claims).get("org").asText());
        JsonNode credential = post("/api/organizations/" + org + "/xapi-credentials", token,
                Map.of("label", "Bench LMS", "refusesUnknownActors", false));
        String basic = "Basic " + Base64.getEncoder().encodeToString((credential.get("key").asText() + ":"
                + credential.get("secret").asText()).getBytes(StandardCharsets.UTF_8));
        List<String> emails = new ArrayList<>(trainees);
        for (int i = 0; i < trainees; i++) {
            emails.add("trainee-" + slug + "-" + i + "@bench.example");
        }
        return new Organization(org, token, basic, email, emails);
    }

    /**
     * Self-registers through {@code path}, reads the mailed code from the local mailbox as the operator
     * (the local run's sender), and verifies: the verification's answer.
     */
    JsonNode register(String operator, String path, Map<String, ?> body) throws Exception {
        post(path, null, body);
        String code = mailedCode(operator, body.get("email").toString(), VERIFICATION_CODE);
        return post("/api/registrations/verification", null, Map.of("code", code));
    }

    /**
     * An instructor of the organization: its administrator invites {@code email} as {@code INSTRUCTOR},
     * the invitee accepts with the mailed code (read from the local mailbox as the operator) and logs in;
     * the instructor's token.
     */
    String instructor(String operator, Organization org, String email) throws Exception {
        post("/api/organizations/" + org.id() + "/invitations", org.adminToken(),
                Map.of("email", email, "role", "INSTRUCTOR"));
        String code = mailedCode(operator, email, INVITATION_CODE);
        post("/api/invitations/acceptance", null, Map.of("code", code, "name", "Bench Instructor",
                "password", "benchmark-password"));
        return login(email, "benchmark-password");
    }

    /** The first code {@code pattern} finds in a mail to {@code email} in the local mailbox, within 60 s. */
    private String mailedCode(String operator, String email, Pattern pattern) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode mailbox = JSON.readTree(send(HttpRequest.newBuilder(URI.create(base
                            + "/api/operator/mailbox?recipient=" + URLEncoder.encode(email, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + operator).GET()));
            for (JsonNode mail : mailbox) {
                Matcher code = pattern.matcher(mail.get("body").asText());
                if (code.find()) {
                    return code.group(1);
                }
            }
            Thread.sleep(100); // the outbox drains every 500 ms: polling in a benchmark driver, not a test
        }
        throw new IllegalStateException("no code arrived for " + email + " in the local mailbox");
    }

    private static final Pattern VERIFICATION_CODE = Pattern.compile("Your verification code: (\\S+)");
    private static final Pattern INVITATION_CODE = Pattern.compile("Your invitation code: (\\S+)");

    /**
     * Posts a batch of statements with an ingestion credential; a {@code 503} is retried after its
     * {@code Retry-After}, any other refusal ends the benchmark.
     */
    void statements(String basic, byte[] batch) throws Exception {
        for (;;) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/xapi/statements"))
                    .header("Authorization", basic).header("X-Experience-API-Version", "1.0.3")
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(batch)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 503) {
                throw new IllegalStateException("ingestion failed: " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(1000 * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))); // a load generator's pause
        }
    }

    String login(String email, String password) throws Exception {
        return post("/api/auth/login", null, Map.of("email", email, "password", password)).get("accessToken").asText();
    }

    JsonNode post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return JSON.readTree(send(request));
    }

    String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static Connection database() throws Exception {
        String url = env("LEARNING_DB_URL", "postgresql://localhost:54329/learning");
        String jdbc = org.elearn.support.db.DatabaseUrl.parse(url).jdbcUrl();
        return DriverManager.getConnection(jdbc, env("LEARNING_DB_USER", "postgres"),
                env("LEARNING_DB_PASSWORD", localDatabasePassword()));
    }

    /** The local run's embedded PostgreSQL password, from its secrets directory (empty when there is none). */
    private static String localDatabasePassword() throws Exception {
        Path file = Path.of(env("LEARNING_SECRETS_DIR", System.getProperty("user.home") + "/.learning-platform/secrets"),
                "postgres-password");
        return Files.exists(file) ? Files.readString(file).strip() : "";
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Samples a service's memory in use from its Prometheus endpoint, every 0.5 s, and keeps the peak. */
    static final class MemorySampler {

        private final BenchApi service;
        private final String operator;
        private final String series;
        private final AtomicLong peak = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        private MemorySampler(BenchApi service, String operator, String series) {
            this.service = service;
            this.operator = operator;
            this.series = series;
        }

        /** The heap in use (all pools, garbage not yet collected included). */
        static MemorySampler heap(BenchApi service, String operator) {
            return new MemorySampler(service, operator, "jvm_memory_used_bytes{area=\"heap\"");
        }

        /** Direct buffers in use: where Netty copies what a connection has not sent yet. */
        static MemorySampler direct(BenchApi service, String operator) {
            return new MemorySampler(service, operator, "jvm_buffer_memory_used_bytes{id=\"direct\"");
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        String scrape = service.send(HttpRequest.newBuilder(URI.create(service.base
                                + "/actuator/prometheus")).header("Authorization", "Bearer " + operator).GET());
                        long used = scrape.lines().filter(l -> l.startsWith(series))
                                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                        peak.accumulateAndGet(used, Math::max);
                        Thread.sleep(500); // sampling interval of a load generator, not a test
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.err.println("memory sample failed: " + e.getMessage());
                    }
                }
            }, "memory-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join();
            return peak.get();
        }
    }
}
