package org.elearn.command.xapi.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Which scopes each LRS resource accepts, and what a credential's scopes let it read. */
class XapiScopeTest {

    @Test
    void eachResourceAcceptsItsScopesAndAllAlwaysAndHeadIsRead() {
        assertThat(XapiScope.accepting(HttpMethod.POST, "/xapi/statements"))
                .containsExactlyInAnyOrder(XapiScope.STATEMENTS_WRITE, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.PUT, "/xapi/statements"))
                .containsExactlyInAnyOrder(XapiScope.STATEMENTS_WRITE, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.GET, "/xapi/statements")).containsExactlyInAnyOrder(
                XapiScope.STATEMENTS_READ, XapiScope.STATEMENTS_READ_MINE, XapiScope.ALL_READ, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.HEAD, "/xapi/statements"))
                .isEqualTo(XapiScope.accepting(HttpMethod.GET, "/xapi/statements"));
        assertThat(XapiScope.accepting(HttpMethod.DELETE, "/xapi/statements")).containsExactly(XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.PUT, "/xapi/activities/state"))
                .containsExactlyInAnyOrder(XapiScope.STATE, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.GET, "/xapi/activities/state"))
                .containsExactlyInAnyOrder(XapiScope.STATE, XapiScope.ALL_READ, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.DELETE, "/xapi/agents/profile"))
                .containsExactlyInAnyOrder(XapiScope.PROFILE, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.GET, "/xapi/activities/profile"))
                .containsExactlyInAnyOrder(XapiScope.PROFILE, XapiScope.ALL_READ, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.GET, "/xapi/agents")).containsExactlyInAnyOrder(
                XapiScope.ALL_READ, XapiScope.PROFILE, XapiScope.STATE, XapiScope.ALL);
        assertThat(XapiScope.accepting(HttpMethod.POST, "/xapi/activities")).containsExactly(XapiScope.ALL);
    }

    @Test
    void onlyStatementsReadMineAmongReadScopesReadsOnlyOwn() {
        assertThat(credential(XapiScope.DEFAULT).readsOnlyOwn()).isTrue();
        assertThat(credential(Set.of(XapiScope.STATEMENTS_READ_MINE, XapiScope.STATEMENTS_READ)).readsOnlyOwn()).isFalse();
        assertThat(credential(Set.of(XapiScope.STATEMENTS_READ_MINE, XapiScope.ALL_READ)).readsOnlyOwn()).isFalse();
        assertThat(credential(Set.of(XapiScope.ALL)).readsOnlyOwn()).isFalse();
        assertThat(credential(Set.of(XapiScope.STATEMENTS_WRITE)).readsOnlyOwn()).isFalse();
    }

    @Test
    void namesAreTheXapiOnes() {
        assertThat(XapiScope.named("statements/read/mine")).contains(XapiScope.STATEMENTS_READ_MINE);
        assertThat(XapiScope.named("STATEMENTS_READ")).isEmpty();
        assertThat(XapiScope.names(XapiScope.DEFAULT))
                .containsExactly("statements/write", "statements/read/mine", "state", "profile");
    }

    @Test
    void originsAreNormalizedAsBrowsersSendThem() {
        assertThat(XapiOrigins.normalize("HTTPS://Content.Example:443")).contains("https://content.example");
        assertThat(XapiOrigins.normalize("http://localhost:8080")).contains("http://localhost:8080");
        for (String bad : List.of("*", "null", "https://content.example/", "https://a.example/path", "ftp://a.example",
                "https://a.example?x=1", "content.example", "https://user@a.example")) {
            assertThat(XapiOrigins.normalize(bad)).as(bad).isEmpty();
        }
    }

    private static IngestionCredentials.Credential credential(Set<XapiScope> scopes) {
        return new IngestionCredentials.Credential("xk_0", UUID.randomUUID(), false, scopes, List.of());
    }
}
