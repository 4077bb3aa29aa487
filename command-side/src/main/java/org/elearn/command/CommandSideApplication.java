package org.elearn.command;

import java.nio.file.Path;
import org.elearn.support.db.SchemaMigration;
import org.elearn.support.privacy.KeyRewrap;
import org.elearn.support.secrets.SecretFiles;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The command side: HTTP commands, aggregates, identity. */
@SpringBootApplication
@EnableScheduling
public class CommandSideApplication {

    /** Its configuration file, {@code command-side.yml}, named so it can share a JVM with the query side. */
    public static final String CONFIG_NAME = "command-side";

    /**
     * Starts the service, or with {@code migrate} or {@code await-migrations} as first argument only
     * migrates the schema or waits for its migration, then exits ({@link SchemaMigration}); with
     * {@code generate-secrets <dir>} writes the side's missing secret files into that directory; with
     * {@code rewrap-keys} re-wraps every data key under the current KEK ({@link KeyRewrap}).
     */
    public static void main(String[] args) {
        if (args.length == 2 && CommandSideSecrets.GENERATE.equals(args[0])) {
            SecretFiles.generateMissing(Path.of(args[1]), CommandSideSecrets.files());
            return;
        }
        if (KeyRewrap.requested(args)) {
            KeyRewrap.run(CONFIG_NAME, args);
            return;
        }
        if (SchemaMigration.mode(args).isPresent()) {
            SchemaMigration.run(CONFIG_NAME, args);
            return;
        }
        application().run(args);
    }

    /** The application as the local all-in-one run and {@link #main} start it. */
    public static SpringApplication application() {
        // A privacy product must not phone home: Axon's update checker stays off.
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .build();
    }
}
