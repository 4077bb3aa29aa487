package org.elearn.support.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void derivesJdbcAndR2dbcUrlsFromOneUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://db.internal:6543/learning");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/learning?reWriteBatchedInserts=true");
        assertThat(url.r2dbcUrl()).isEqualTo("r2dbc:postgresql://db.internal:6543/learning");
    }

    @Test
    void defaultsThePortAndToleratesAJdbcPrefix() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost/learning").port()).isEqualTo(5432);
    }

    @Test
    void refusesOtherSchemesAndMissingDatabase() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://localhost/learning"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://localhost/"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
