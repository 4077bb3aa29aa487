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

/**
 * A full query side on a random port, on its own real PostgreSQL database. In the separate processor
 * layout: these tests stop, reset and inspect one projection's processor by its group's name; the
 * default (merged) layout runs in the end-to-end tests of infra/local-run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "learning.crypto.kek=" + TestKeys.KEK, "learning.secrets.dir=target/test-secrets",
        "spring.config.name=" + QuerySideApplication.CONFIG_NAME, "learning.query.processors=separate"})
@Import(PostgresTestConfiguration.class)
@AutoConfigureWebTestClient
public @interface QuerySideTest {
}
