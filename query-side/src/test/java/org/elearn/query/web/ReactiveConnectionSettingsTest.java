package org.elearn.query.web;

import org.elearn.query.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.test.StepVerifier;

/** The reactive connections plan every query for its own values (see ConnectionDetailsFactory). */
@QuerySideTest
class ReactiveConnectionSettingsTest {

    @Autowired
    DatabaseClient db;

    @Test
    void reactiveConnectionsPlanEachQueryForItsValues() {
        StepVerifier.create(db.sql("SHOW plan_cache_mode").map(row -> row.get(0, String.class)).one())
                .expectNext("force_custom_plan")
                .verifyComplete();
    }
}
