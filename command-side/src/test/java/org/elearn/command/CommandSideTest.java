package org.elearn.command;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.elearn.testsupport.PostgresTestConfiguration;
import org.elearn.testsupport.TestKeys;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** A full command side on a random port, on its own real PostgreSQL database, with a movable clock. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "learning.crypto.kek=" + TestKeys.KEK,
        "spring.config.name=" + CommandSideApplication.CONFIG_NAME,
        "learning.secrets.dir=target/test-secrets",
        "learning.operator.email=operator@test.example",
        "learning.operator.password=operator-password-123",
        // tests run the cool-off job themselves, after moving the clock
        "learning.cancellation.check-interval=1h",
        // every test registers from the same address
        "learning.registration.max-requests-per-address=100000"})
@Import({PostgresTestConfiguration.class, TestClockConfiguration.class})
@AutoConfigureWebTestClient
public @interface CommandSideTest {
}
