package org.elearn.command.membership;

import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberImported;
import org.junit.jupiter.api.Test;

class MemberTest {

    private final AggregateTestFixture<Member> fixture = new AggregateTestFixture<>(Member.class);
    private final UUID id = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final MemberImported imported = new MemberImported(id, organization, "Ann Able", "ann@example.com",
            "+1 555 0101", "Sales");

    @Test
    void importingAddsTheMember() {
        fixture.givenNoPriorActivity()
                .when(new ImportMember(id, organization, "Ann Able", "ann@example.com", "+1 555 0101", "Sales"))
                .expectEvents(imported);
    }

    @Test
    void theSameDetailsAgainChangeNothing() {
        fixture.given(imported)
                .when(new UpdateMemberDetails(id, "Ann Able", "+1 555 0101", "Sales"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aChangedFieldIsRecordedWithTheFullNewDetails() {
        fixture.given(imported)
                .when(new UpdateMemberDetails(id, "Ann Able", "+1 555 0101", "Marketing"))
                .expectEvents(new MemberDetailsChanged(id, organization, "Ann Able", "+1 555 0101", "Marketing"))
                .expectResultMessagePayload(true);
    }
}
