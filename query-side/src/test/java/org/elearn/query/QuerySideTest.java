package org.elearn.query;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.elearn.testsupport.PostgresTestConfiguration;
import org.elearn.testsupport.TestKeys;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** A full query side on a random port, on its own real PostgreSQL database. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "learning.crypto.kek=" + TestKeys.KEK, "learning.secrets.dir=target/test-secrets",
        "spring.config.name=" + QuerySideApplication.CONFIG_NAME})
@Import(PostgresTestConfiguration.class)
@AutoConfigureWebTestClient
public @interface QuerySideTest {
}
