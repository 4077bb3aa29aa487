package org.elearn.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The query side: projections kept by Axon processors, read reactively through R2DBC. */
@SpringBootApplication
public class QuerySideApplication {

    /** Its configuration file, {@code query-side.yml}, named so it can share a JVM with the command side. */
    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as the local all-in-one run and {@link #main} start it. */
    public static SpringApplication application() {
        // A privacy product must not phone home: Axon's update checker stays off.
        System.setProperty("axoniq.update-checker.disabled", "true");
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .build();
    }
}
