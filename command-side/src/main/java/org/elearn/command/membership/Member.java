package org.elearn.command.membership;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.support.web.ApiException;
import org.springframework.http.HttpStatus;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * A member of an organization. Keeps its imported details, to tell a real change from a repeated
 * import, the nickname and gender, to tell a real change of the member's own profile, and whether it
 * is active; the rest of the record lives in events and projections.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Member {

    @AggregateIdentifier
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
    private boolean active;

    Member() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Member(ImportMember command) {
        apply(new MemberImported(command.memberId(), command.organizationId(), command.name(), command.email(),
                command.phone(), command.department()));
    }

    @CommandHandler
    boolean handle(UpdateMemberDetails command) {
        if (hasDetails(command.name(), command.phone(), command.department())) {
            return false;
        }
        apply(new MemberDetailsChanged(memberId, organizationId, command.name(), command.phone(),
                command.department()));
        return true;
    }

    @CommandHandler
    void handle(EditOwnMemberProfile command) {
        if (!hasDetails(command.name(), command.phone(), department)) {
            apply(new MemberDetailsChanged(memberId, organizationId, command.name(), command.phone(), department));
        }
        if (!isCalled(command.nickname(), command.gender())) {
            apply(new OwnProfileEdited(memberId, organizationId, command.nickname(), command.gender()));
        }
    }

    @CommandHandler
    void handle(EditMember command) {
        apply(new MemberEdited(memberId, organizationId, command.nickname(), command.gender(), command.employeeId(),
                command.email(), command.position(), command.entryDate(), command.department()));
    }

    @CommandHandler
    void handle(DeactivateMember command) {
        if (!active) {
            throw new ApiException(HttpStatus.CONFLICT, "member-already-inactive", "This member is already deactivated.");
        }
        apply(new MemberDeactivated(memberId, organizationId));
    }

    @CommandHandler
    void handle(ReactivateMember command) {
        if (active) {
            throw new ApiException(HttpStatus.CONFLICT, "member-already-active", "This member is already active.");
        }
        apply(new MemberReactivated(memberId, organizationId));
    }

    private boolean hasDetails(String newName, String newPhone, String newDepartment) {
        return Objects.equals(name, newName) && Objects.equals(phone, newPhone)
                && Objects.equals(department, newDepartment);
    }

    @EventSourcingHandler
    void on(MemberImported event) {
        this.memberId = event.memberId();
        this.organizationId = event.organizationId();
        this.name = event.name();
        this.phone = event.phone();
        this.department = event.department();
        this.active = true;
    }

    private boolean isCalled(String newNickname, String newGender) {
        return Objects.equals(nickname, newNickname) && Objects.equals(gender, newGender);
    }

    @EventSourcingHandler
    void on(MemberEdited event) {
        this.department = event.department();
        this.nickname = event.nickname();
        this.gender = event.gender();
    }

    @EventSourcingHandler
    void on(OwnProfileEdited event) {
        this.nickname = event.nickname();
        this.gender = event.gender();
    }

    @EventSourcingHandler
    void on(MemberDeactivated event) {
        this.active = false;
    }

    @EventSourcingHandler
    void on(MemberReactivated event) {
        this.active = true;
    }

    @EventSourcingHandler
    void on(MemberDetailsChanged event) {
        this.name = event.name();
        this.phone = event.phone();
        this.department = event.department();
    }
}
