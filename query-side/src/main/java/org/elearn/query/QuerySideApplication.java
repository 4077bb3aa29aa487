package org.elearn.query;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.elearn.query.audit.AuditSigningKey;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.support.db.SchemaMigration;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.support.secrets.SecretFiles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The query side: projections kept by Axon processors, read reactively through R2DBC. */
@SpringBootApplication
public class QuerySideApplication {

    /** Its configuration file, {@code query-side.yml}, named so it can share a JVM with the command side. */
    public static final String CONFIG_NAME = "query-side";

    /**
     * Starts the service, or with {@code migrate} or {@code await-migrations} as first argument only
     * migrates the schema or waits for its migration, then exits ({@link SchemaMigration}); with
     * {@code generate-secrets <dir>} writes the side's missing secret files into that directory.
     */
    public static void main(String[] args) {
        if (args.length == 2 && GENERATE_SECRETS.equals(args[0])) {
            SecretFiles.generateMissing(Path.of(args[1]), secretFiles());
            return;
        }
        if (SchemaMigration.mode(args).isPresent()) {
            SchemaMigration.run(CONFIG_NAME, args);
            return;
        }
        application().run(args);
    }

    /** The first argument of {@link #main} that writes the query side's missing secret files into a directory and exits. */
    public static final String GENERATE_SECRETS = "generate-secrets";

    /** The query side's secret files in {@code learning.secrets.dir}, each with its generator. */
    public static Map<String, Supplier<String>> secretFiles() {
        Map<String, Supplier<String>> files = new LinkedHashMap<>();
        files.put(ProjectionCipher.INDEX_KEY, EmailHasher::newEncodedKey);
        files.put(AuditSigningKey.DEFAULT_FILE, AuditSigningKey::generatePem);
        return files;
    }

    /** Reactor Netty's system property: how many writes one connection may have in flight (default 128). */
    public static final String WRITES_IN_FLIGHT = "reactor.netty.send.maxPrefetchSize";

    /**
     * At most 8 writes in flight per connection, unless the property is set. Reactor Netty asks a
     * response for more as soon as its writes are queued on the channel, not when they reach the
     * client. A learning stream writes one buffer per batch, so with the default a dashboard that
     * had fallen behind held up to 64 batches in direct memory before its stream started merging
     * changes into the latest value of each row; 200 such dashboards at 2,000 statements/s ran the
     * query side out of direct memory once (docs/reports.md, Streams). Must run before Reactor
     * Netty sends anything in this JVM: the value is read once.
     */
    public static void limitWritesInFlight() {
        if (System.getProperty(WRITES_IN_FLIGHT) == null) {
            System.setProperty(WRITES_IN_FLIGHT, "8");
        }
    }

    /** The application as the local all-in-one run and {@link #main} start it. */
    public static SpringApplication application() {
        limitWritesInFlight();
        // A privacy product must not phone home: Axon's update checker stays off.
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .build();
    }
}
