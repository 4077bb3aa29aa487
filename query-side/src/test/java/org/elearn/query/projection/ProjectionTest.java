package org.elearn.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

/** What the base checks when a projection is made. */
class ProjectionTest {

    @ProcessingGroup("things")
    static class Things extends Projection {
        Things(List<String> tables) {
            super(null, tables);
        }

        @Override
        public void erase(UUID subjectId) {
        }
    }

    static class Unordered extends Projection {
        Unordered() {
            super(null, List.of("unordered_view"));
        }

        @Override
        public void erase(UUID subjectId) {
        }
    }

    @Test
    void aProjectionNamesItsProcessingGroupAndTables() {
        Things things = new Things(List.of("thing_view", "thing_part"));

        assertThat(things.processingGroup()).isEqualTo("things");
        assertThat(things.tables()).containsExactly("thing_view", "thing_part");
    }

    @Test
    void aProjectionWithoutAProcessingGroupIsRefused() {
        assertThatThrownBy(Unordered::new).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@ProcessingGroup");
    }

    @Test
    void aProjectionWithoutATableIsRefused() {
        assertThatThrownBy(() -> new Things(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFenceIsCheckedInTheStatementItself() {
        assertThat(Projection.notFenced("v.id"))
                .isEqualTo("NOT EXISTS (SELECT 1 FROM data_subject_erasure WHERE subject_id = v.id)");
    }
}
