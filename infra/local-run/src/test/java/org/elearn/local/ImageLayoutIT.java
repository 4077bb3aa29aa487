package org.elearn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.elearn.testsupport.TestDatabases;
import org.elearn.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

/**
 * What {@code infra/images/Dockerfile} builds, checked without a Docker daemon: each side's jar is
 * extracted with the Dockerfile's own RUN line, its layers are laid out in the order of the
 * Dockerfile's COPY lines (they must be every layer the jar has), and the result is started with the
 * Dockerfile's ENTRYPOINT, in its WORKDIR, as its USER (when the test runs as root), with only the
 * variables the Kubernetes manifests set: first {@code generate-secrets} into the directory that
 * then becomes read-only, as a mounted Secret is, then {@code migrate}, as the migration Job does,
 * then the service with Flyway off, until its readiness probe answers UP.
 */
class ImageLayoutIT {

    private static final String OPERATOR_PASSWORD = "image-operator-password";
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Path DOCKERFILE = ROOT.resolve("infra/images/Dockerfile");
    /** The services' logs. */
    private static final Path LOGS = Path.of("target/image-layout").toAbsolutePath();

    @Test
    void eachSideStartsFromItsImageLayoutAsTheImageUser() throws Exception {
        Dockerfile image = Dockerfile.read(DOCKERFILE);
        TestDatabases.TestDatabase db = TestDatabases.create();
        Files.createDirectories(LOGS);
        // under /tmp, which the image's user can reach, unlike a build directory under /root
        Path work = Files.createTempDirectory("image-layout", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            startEachSide(image, db, work);
        } finally {
            deleteRecursively(work);
        }
    }

    private static void startEachSide(Dockerfile image, TestDatabases.TestDatabase db, Path work) throws Exception {
        for (String side : List.of("command-side", "query-side")) {
            Path jar = ROOT.resolve(image.copiedJar(side));
            assumeTrue(Files.isRegularFile(jar), "no " + jar + ": run the Maven build through package first");
            Path app = layOut(image, side, jar, work);
            Path secrets = Files.createDirectories(work.resolve(side + "-secrets"));
            handToImageUser(image, secrets);
            Process generate = start(image, app, Map.of(), List.of("generate-secrets", secrets.toString()),
                    LOGS.resolve(side + "-generate-secrets.log"));
            assertThat(generate.waitFor(60, TimeUnit.SECONDS) && generate.exitValue() == 0)
                    .as(side + " generate-secrets, see " + LOGS).isTrue();
            // mounted read-only from now on, as Kubernetes mounts a Secret: a file the side
            // needs and generate-secrets did not make would stop it at start-up
            takeBackFromImageUser(secrets);
            Path kek = work.resolve("kek");
            Files.writeString(kek, TestKeys.KEK);
            Files.setPosixFilePermissions(kek, PosixFilePermissions.fromString("rw-r--r--"));
            int port = freePort();
            Map<String, String> env = new LinkedHashMap<>(image.env(port));
            env.put("LEARNING_SECRETS_DIR", secrets.toString());
            env.put("LEARNING_KEK_FILE", kek.toString());
            env.put("LEARNING_DB_URL", db.learningUrl());
            env.put("LEARNING_DB_USER", db.user());
            // files read as properties (a config tree), as the manifests mount the password and the
            // first operator from Secrets
            Path configTree = Files.createDirectories(work.resolve(side + "-config"));
            Files.writeString(configTree.resolve("learning.db.password"), db.password());
            Files.writeString(configTree.resolve("learning.operator.email"), "ops@image.example");
            Files.writeString(configTree.resolve("learning.operator.password"), OPERATOR_PASSWORD);
            try (Stream<Path> files = Files.list(configTree)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
            env.put("SPRING_CONFIG_IMPORT", "optional:configtree:" + configTree + "/");

            Process migrate = start(image, app, env, List.of("migrate"), LOGS.resolve(side + "-migrate.log"));
            assertThat(migrate.waitFor(120, TimeUnit.SECONDS)).as(side + " migrate finished").isTrue();
            assertThat(migrate.exitValue()).as(side + " migrate, see " + LOGS).isZero();

            env.put("SPRING_FLYWAY_ENABLED", "false");
            Process service = start(image, app, env, List.of(), LOGS.resolve(side + ".log"));
            try {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            assertThat(service.isAlive()).as(side + " is running, see " + LOGS).isTrue();
                            assertThat(readiness(port)).isEqualTo(200);
                        });
                if (side.equals("command-side")) {
                    assertThat(login(port)).as("the operator from the config tree logs in").isEqualTo(200);
                }
                if (runningAsRoot()) {
                    assertThat(uid(service)).as("the service runs as the image's user").isEqualTo(image.uid());
                }
            } finally {
                service.destroy();
                assertThat(service.waitFor(60, TimeUnit.SECONDS)).as(side + " stops on SIGTERM").isTrue();
            }
        }
    }

    /** The jar extracted by the RUN line, then its layers copied in the COPY lines' order. */
    private static Path layOut(Dockerfile image, String side, Path jar, Path work) throws Exception {
        Path build = Files.createDirectories(work.resolve(side + "-build"));
        Path app = work.resolve(side + "-app");
        Files.copy(jar, build.resolve(image.extractJarName()), StandardCopyOption.REPLACE_EXISTING);
        List<String> extract = new ArrayList<>(image.extractCommand());
        extract.set(0, javaBinary());
        Process extraction = new ProcessBuilder(extract).directory(build.toFile()).inheritIO().start();
        assertThat(extraction.waitFor(120, TimeUnit.SECONDS) && extraction.exitValue() == 0)
                .as("the Dockerfile's extraction").isTrue();

        Process list = new ProcessBuilder(javaBinary(), "-Djarmode=tools", "-jar", jar.toString(), "list-layers")
                .redirectErrorStream(true).start();
        List<String> layers = new String(list.getInputStream().readAllBytes()).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        list.waitFor(60, TimeUnit.SECONDS);
        assertThat(image.copiedLayers()).as("the Dockerfile copies every layer of the jar, in its order")
                .isEqualTo(layers);

        Files.createDirectories(app);
        for (String layer : image.copiedLayers()) {
            copyTree(build.resolve(image.extractedDirectory()).resolve(layer), app);
        }
        return app;
    }

    private static Process start(Dockerfile image, Path app, Map<String, String> env, List<String> args, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            String[] ids = image.user().split(":");
            command.addAll(List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups", "--"));
        }
        List<String> entrypoint = new ArrayList<>(image.entrypoint());
        entrypoint.set(0, javaBinary());
        entrypoint.addAll(1, LocalRunProcess.TEST_JVM_OPTIONS);
        command.addAll(entrypoint);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().putAll(env);
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int login(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"ops@image.example\",\"password\":\"" + OPERATOR_PASSWORD + "\"}"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int readiness(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The real user id of a process (setpriv execs the JVM, so the pid is the JVM's). */
    private static String uid(Process process) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The secrets directory as Kubernetes mounts it: the image's user may read and write it. */
    private static void handToImageUser(Dockerfile image, Path dir) throws IOException {
        if (runningAsRoot()) {
            String[] ids = image.user().split(":");
            Files.setAttribute(dir, "unix:uid", Integer.parseInt(ids[0]));
            Files.setAttribute(dir, "unix:gid", Integer.parseInt(ids[1]));
        }
    }

    private static void takeBackFromImageUser(Path dir) throws IOException {
        if (runningAsRoot()) {
            Files.setAttribute(dir, "unix:uid", 0);
            Files.setAttribute(dir, "unix:gid", 0);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** The parts of the Dockerfile that decide the image's layout and how it starts. */
    record Dockerfile(Map<String, String> args, List<String> instructions) {

        private static final Pattern COPY_LAYER = Pattern.compile("COPY --from=extract (\\S+)/([^/\\s]+)/ \\./");

        static Dockerfile read(Path file) throws IOException {
            List<String> instructions = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.stripLeading().startsWith("#")) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continue;
                }
                instructions.add(current.append(line).toString().strip());
                current.setLength(0);
            }
            Map<String, String> args = new LinkedHashMap<>();
            for (String instruction : instructions) {
                Matcher arg = Pattern.compile("ARG (\\w+)=(\\S+)").matcher(instruction);
                if (arg.matches()) {
                    args.putIfAbsent(arg.group(1), arg.group(2));
                }
            }
            return new Dockerfile(args, instructions);
        }

        private String one(String keyword) {
            List<String> found = instructions.stream().filter(i -> i.startsWith(keyword + " ")).toList();
            assertThat(found).as("one " + keyword + " in the final stage").isNotEmpty();
            return found.get(found.size() - 1).substring(keyword.length() + 1).strip();
        }

        /** The jar the extract stage copies, for this side. */
        Path copiedJar(String side) {
            String copy = instructions.stream().filter(i -> i.startsWith("COPY ${SIDE}")).findFirst().orElseThrow();
            String source = copy.split("\\s+")[1];
            return Path.of(source.replace("${SIDE}", side).replace("${VERSION}", args.get("VERSION")));
        }

        String extractJarName() {
            String copy = instructions.stream().filter(i -> i.startsWith("COPY ${SIDE}")).findFirst().orElseThrow();
            return copy.split("\\s+")[2];
        }

        List<String> extractCommand() {
            return Arrays.asList(one("RUN").split("\\s+"));
        }

        String extractedDirectory() {
            List<String> command = extractCommand();
            return command.get(command.indexOf("--destination") + 1);
        }

        List<String> copiedLayers() {
            return instructions.stream().map(COPY_LAYER::matcher).filter(Matcher::matches)
                    .map(m -> m.group(2)).toList();
        }

        String user() {
            return one("USER");
        }

        String uid() {
            return user().split(":")[0];
        }

        List<String> entrypoint() {
            try {
                return Arrays.asList(new ObjectMapper().readValue(one("ENTRYPOINT"), String[].class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The ENV of the final stage with its ARG defaults, PORT replaced by the test's port. */
        Map<String, String> env(int port) {
            Map<String, String> env = new LinkedHashMap<>();
            Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(one("ENV"));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replace("${PORT}", Integer.toString(port)));
            }
            return env;
        }
    }
}
