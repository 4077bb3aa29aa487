package org.elearn.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.support.privacy.EventContract;
import org.junit.jupiter.api.Test;

/**
 * The export is complete by construction: every event type of the contract that names a data
 * subject belongs to one of the privacy statement's categories, so the export files it somewhere.
 * A new event type fails here until it is given one (and {@code PersonalDataExportIT} in
 * local-run fails until it produces the type and finds it in an export).
 */
class DataCategoryTest {

    @Test
    void everyEventTypeNamingASubjectHasACategory() {
        List<Class<?>> types = EventContract.typesNamingASubject();
        assertThat(types).hasSizeGreaterThan(30);
        assertThat(types.stream().filter(type -> DataCategory.of(type) == null).map(Class::getName))
                .as("event types naming a data subject without a category in DataCategory").isEmpty();
    }

    @Test
    void categorisesOnlyEventTypesThatNameASubject() {
        assertThat(EventContract.eventTypes().stream()
                .filter(type -> DataCategory.of(type) != null)
                .filter(type -> !EventContract.typesNamingASubject().contains(type)).map(Class::getName))
                .isEmpty();
    }

    @Test
    void aStatementsDeviceAndClientAreSystemData() {
        assertThat(PersonalDataModel.of(StatementRecorded.class).properties().stream()
                .filter(p -> p.personal()).map(PersonalDataModel.Property::name))
                .contains("device", "client");
        assertThat(DataCategory.ofField(StatementRecorded.class, "device")).isEqualTo(DataCategory.SYSTEM_DATA);
        assertThat(DataCategory.ofField(StatementRecorded.class, "client")).isEqualTo(DataCategory.SYSTEM_DATA);
        assertThat(DataCategory.ofField(StatementRecorded.class, "statement")).isNull();
    }
}
