package org.elearn.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.elearn.command.CommandSideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** In the local run without configured credentials, an operator is created with a generated password. */
@CommandSideTest
@TestPropertySource(properties = {"learning.operator.email=", "learning.operator.password=",
        "learning.operator.generate-when-unset=true", "learning.secrets.dir=target/test-secrets-local"})
class LocalOperatorBootstrapTest {

    @Autowired
    WebTestClient web;

    @Test
    void generatedOperatorPasswordIsKeptOwnerOnlyAndLogsIn() throws Exception {
        Path file = Path.of("target/test-secrets-local", OperatorBootstrap.INITIAL_PASSWORD_FILE);
        String password = Files.readString(file).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        web.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "operator@localhost", "password", password))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.accessToken").isNotEmpty();
    }
}
