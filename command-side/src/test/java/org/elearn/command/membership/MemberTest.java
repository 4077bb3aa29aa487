package org.elearn.command.membership;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.events.membership.MemberImported;
import org.junit.jupiter.api.Test;
import org.elearn.command.CommandErrors;

class MemberTest {

    private final AggregateTestFixture<Member> fixture = new AggregateTestFixture<>(Member.class);
    private final UUID id = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final MemberRecords.Ref member = MemberRecords.ref(id, organization, true);
    private final MemberRecords.Ref invited = MemberRecords.ref(id, organization, false);
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
                .when(new ChangeMemberDetails(member, "Ann Able", "+1 555 0101", "Sales"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aChangedFieldIsRecordedWithTheFullNewDetails() {
        fixture.given(imported)
                .when(new ChangeMemberDetails(member, "Ann Able", "+1 555 0101", "Marketing"))
                .expectEvents(new MemberDetailsChanged(id, organization, "Ann Able", "+1 555 0101", "Marketing"))
                .expectResultMessagePayload(true);
    }

    @Test
    void anEditRecordsTheWholeNewRecord() {
        fixture.given(imported)
                .when(new ChangeMemberRecord(member, "Annie", "female", "E-1", "ann.able@example.com", "Lead",
                        java.time.LocalDate.of(2024, 2, 1), "Sales"))
                .expectEvents(new MemberEdited(id, organization, "Annie", "female", "E-1", "ann.able@example.com",
                        "Lead", java.time.LocalDate.of(2024, 2, 1), "Sales"));
    }

    @Test
    void aMemberSetsTheirOwnNicknameAndGenderAndTheSameAgainChangesNothing() {
        OwnProfileEdited own = new OwnProfileEdited(id, organization, "Annie", "female");
        fixture.given(imported)
                .when(new ChangeMemberProfile(member, "Ann Able", "+1 555 0101", "Annie", "female"))
                .expectEvents(own);
        fixture.given(imported, own)
                .when(new ChangeMemberProfile(member, "Ann Able", "+1 555 0101", "Annie", "female"))
                .expectNoEvents();
        fixture.given(imported, new MemberEdited(id, organization, "Annie", "female", "E-1", "ann@example.com", null,
                        null, "Sales"))
                .when(new ChangeMemberProfile(member, "Ann Able", "+1 555 0101", "Annie", "female"))
                .expectNoEvents();
    }

    @Test
    void aMemberChangingNameAndNicknameRecordsBoth() {
        fixture.given(imported, new OwnProfileEdited(id, organization, "Annie", "female"))
                .when(new ChangeMemberProfile(member, "Ann Baker", "+1 555 0101", null, "female"))
                .expectEvents(new MemberDetailsChanged(id, organization, "Ann Baker", "+1 555 0101", "Sales"),
                        new OwnProfileEdited(id, organization, null, "female"));
    }

    @Test
    void anActiveMemberCanBeDeactivatedOnceAndThenReactivated() {
        fixture.given(imported).when(new DeactivateMember(member))
                .expectEvents(new MemberDeactivated(id, organization));
        fixture.given(imported, new MemberDeactivated(id, organization)).when(new DeactivateMember(member))
                .expectNoEvents().expectException(refusedWith(CommandErrors.MEMBER_ALREADY_INACTIVE));
        fixture.given(imported, new MemberDeactivated(id, organization)).when(new ReactivateMember(member))
                .expectEvents(new MemberReactivated(id, organization));
        fixture.given(imported).when(new ReactivateMember(member))
                .expectNoEvents().expectException(refusedWith(CommandErrors.MEMBER_ALREADY_ACTIVE));
    }

    @Test
    void anInvitedMembersRecordIsOpenedByItsFirstChangeUnderItsOwnId() {
        fixture.givenNoPriorActivity()
                .when(new ChangeMemberProfile(invited, "Ann Able", null, "Annie", null))
                .expectEvents(new MemberDetailsChanged(id, organization, "Ann Able", null, null),
                        new OwnProfileEdited(id, organization, "Annie", null));
        fixture.givenNoPriorActivity().when(new DeactivateMember(invited))
                .expectEvents(new MemberDeactivated(id, organization));
        fixture.givenNoPriorActivity().when(new ReactivateMember(invited))
                .expectNoEvents().expectException(refusedWith(CommandErrors.MEMBER_ALREADY_ACTIVE));
    }

    @Test
    void anInvitedMembersRecordLoadsFromItsOwnStream() {
        String recordId = invited.recordId().toString();
        fixture.given(new GenericDomainEventMessage<>("Member", recordId, 0, new MemberDeactivated(id, organization)))
                .when(new ReactivateMember(invited))
                .expectEvents(new MemberReactivated(id, organization));
        fixture.given(new GenericDomainEventMessage<>("Member", recordId, 0,
                        new OwnProfileEdited(id, organization, "Annie", null)))
                .when(new ChangeMemberProfile(invited, "Ann Able", null, "Annie", null))
                .expectEvents(new MemberDetailsChanged(id, organization, "Ann Able", null, null));
    }
}
