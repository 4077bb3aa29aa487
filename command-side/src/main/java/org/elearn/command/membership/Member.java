package org.elearn.command.membership;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.command.CommandErrors;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * A member of an organization. Keeps its imported details, to tell a real change from a repeated
 * import, the nickname and gender, to tell a real change of the member's own profile, and whether it
 * is active; the rest of the record lives in events and projections. An import creates it under the
 * member id; a member who joined only by invitation gets one on its first change, under the id
 * {@link MemberRecords} derives (so the handlers below create it if missing, as an active member's).
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Member {

    @AggregateIdentifier
    private UUID recordId;
    @DataSubjectId
    private UUID memberId;
    private UUID organizationId;
    @PersonalData
    private String name;
    @PersonalData
    private String phone;
    private String department;
    @PersonalData
    private String nickname;
    @PersonalData
    private String gender;
    private boolean deactivated;

    Member() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Member(ImportMember command) {
        apply(new MemberImported(command.memberId(), command.organizationId(), command.name(), command.email(),
                command.phone(), command.department()));
    }

    // the ids in the events below come from the command: a record created here knows none yet

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(ChangeMemberDetails command) {
        if (hasDetails(command.name(), command.phone(), command.department())) {
            return false;
        }
        MemberRecords.Ref member = command.member();
        apply(new MemberDetailsChanged(member.memberId(), member.organizationId(), command.name(), command.phone(),
                command.department()));
        return true;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeMemberProfile command) {
        MemberRecords.Ref member = command.member();
        if (!hasDetails(command.name(), command.phone(), department)) {
            apply(new MemberDetailsChanged(member.memberId(), member.organizationId(), command.name(),
                    command.phone(), department));
        }
        if (!isCalled(command.nickname(), command.gender())) {
            apply(new OwnProfileEdited(member.memberId(), member.organizationId(), command.nickname(),
                    command.gender()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeMemberRecord command) {
        MemberRecords.Ref member = command.member();
        apply(new MemberEdited(member.memberId(), member.organizationId(), command.nickname(), command.gender(),
                command.employeeId(), command.email(), command.position(), command.entryDate(), command.department()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DeactivateMember command) {
        if (deactivated) {
            throw CommandErrors.MEMBER_ALREADY_INACTIVE.refusal("This member is already deactivated.");
        }
        apply(new MemberDeactivated(command.member().memberId(), command.member().organizationId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReactivateMember command) {
        if (!deactivated) {
            throw CommandErrors.MEMBER_ALREADY_ACTIVE.refusal("This member is already active.");
        }
        apply(new MemberReactivated(command.member().memberId(), command.member().organizationId()));
    }

    private boolean hasDetails(String newName, String newPhone, String newDepartment) {
        return Objects.equals(name, newName) && Objects.equals(phone, newPhone)
                && Objects.equals(department, newDepartment);
    }

    @EventSourcingHandler
    void on(MemberImported event) {
        this.recordId = event.memberId();
        this.memberId = event.memberId();
        this.organizationId = event.organizationId();
        this.name = event.name();
        this.phone = event.phone();
        this.department = event.department();
    }

    /** A record whose first event is not an import is that of a member who joined by invitation. */
    private void opened(UUID member, UUID organization) {
        if (recordId == null) {
            this.recordId = MemberRecords.invitedRecordId(member);
            this.memberId = member;
            this.organizationId = organization;
        }
    }

    private boolean isCalled(String newNickname, String newGender) {
        return Objects.equals(nickname, newNickname) && Objects.equals(gender, newGender);
    }

    @EventSourcingHandler
    void on(MemberEdited event) {
        opened(event.memberId(), event.organizationId());
        this.department = event.department();
        this.nickname = event.nickname();
        this.gender = event.gender();
    }

    @EventSourcingHandler
    void on(OwnProfileEdited event) {
        opened(event.memberId(), event.organizationId());
        this.nickname = event.nickname();
        this.gender = event.gender();
    }

    @EventSourcingHandler
    void on(MemberDeactivated event) {
        opened(event.memberId(), event.organizationId());
        this.deactivated = true;
    }

    @EventSourcingHandler
    void on(MemberReactivated event) {
        opened(event.memberId(), event.organizationId());
        this.deactivated = false;
    }

    @EventSourcingHandler
    void on(MemberDetailsChanged event) {
        opened(event.memberId(), event.organizationId());
        this.name = event.name();
        this.phone = event.phone();
        this.department = event.department();
    }
}
