package org.elearn.support.privacy;

import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;
import org.elearn.support.db.DatabaseAutoConfiguration;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code rewrap-keys} mode of a side's jar, the second half of a KEK rotation in a cluster:
 * with the new KEK current and the old one retired ({@code learning.crypto.retired-kek-files}), it
 * re-wraps every data key still wrapped by a retired KEK under the current one, in batches, while
 * the services run, and exits. The retired KEK can then be deleted. Events are not touched.
 * The local run's {@code rotate-kek} does the same with the system stopped and its own key files.
 */
public final class KeyRewrap {

    /** The first argument of a side's {@code main} that runs this mode. */
    public static final String MODE = "rewrap-keys";

    private static final Logger log = LoggerFactory.getLogger(KeyRewrap.class);

    private KeyRewrap() {
    }

    public static boolean requested(String[] args) {
        return args.length > 0 && MODE.equals(args[0]);
    }

    /** @return how many data keys were re-wrapped */
    public static int run(String configName, String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Rewrap.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + configName, "spring.flyway.enabled=false")
                .run(Arrays.copyOfRange(args, 1, args.length))) {
            JdbcKeyVault vault = new JdbcKeyVault(context.getBean(DataSource.class),
                    PrivacyAutoConfiguration.localKeks(context.getBean(CryptoProperties.class), context.getEnvironment()),
                    Duration.ofSeconds(1), 1);
            int rewrapped = vault.rewrapAll();
            log.info("re-wrapped {} data keys under the current key-encryption key", rewrapped);
            return rewrapped;
        }
    }

    /** The database and the KEK settings, nothing else of the service. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DatabaseAutoConfiguration.class)
    @EnableConfigurationProperties(CryptoProperties.class)
    static class Rewrap {
    }
}
