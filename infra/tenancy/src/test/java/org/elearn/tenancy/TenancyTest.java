package org.elearn.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.elearn.tenancy.Tenancy.Verdict;
import org.junit.jupiter.api.Test;

class TenancyTest {

    private static final UUID ACME = UUID.randomUUID();
    private static final UUID GLOBEX = UUID.randomUUID();

    private static Membership member(UUID organization, Roles... roles) {
        return new Membership(Arrays.stream(roles).map(Roles::name).toList(),
                organization == null ? null : organization.toString());
    }

    @Test
    void anAdministratorActsInTheirOwnOrganization() {
        assertThat(Tenancy.administratorOf(ACME, member(ACME, Roles.ORG_ADMIN))).isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void toAnAdministratorOfAnotherOrganizationItDoesNotExist() {
        assertThat(Tenancy.administratorOf(ACME, member(GLOBEX, Roles.ORG_ADMIN)))
                .isEqualTo(Verdict.OTHER_ORGANIZATION);
    }

    @Test
    void whoIsNotAnAdministratorIsRefusedForTheRoleWhereverTheyBelong() {
        assertThat(Tenancy.administratorOf(ACME, member(ACME, Roles.TRAINEE))).isEqualTo(Verdict.MISSING_ROLE);
        assertThat(Tenancy.administratorOf(ACME, member(GLOBEX, Roles.INSTRUCTOR))).isEqualTo(Verdict.MISSING_ROLE);
        assertThat(Tenancy.administratorOf(ACME, member(null, Roles.OPERATOR))).isEqualTo(Verdict.MISSING_ROLE);
    }

    @Test
    void aMemberWithTheRoleActsInTheirOrganization() {
        assertThat(Tenancy.roleIn(ACME, Roles.TRAINEE, member(ACME, Roles.TRAINEE, Roles.INSTRUCTOR)))
                .isEqualTo(Verdict.ALLOWED);
    }

    @Test
    void aMemberWithoutTheRoleIsRefusedForIt() {
        assertThat(Tenancy.roleIn(ACME, Roles.INSTRUCTOR, member(ACME, Roles.TRAINEE)))
                .isEqualTo(Verdict.MISSING_ROLE);
    }

    @Test
    void toAnyoneOutsideTheOrganizationItDoesNotExistWhateverTheirRoles() {
        assertThat(Tenancy.roleIn(ACME, Roles.TRAINEE, member(GLOBEX, Roles.TRAINEE)))
                .isEqualTo(Verdict.OTHER_ORGANIZATION);
        assertThat(Tenancy.roleIn(ACME, Roles.TRAINEE, member(null, Roles.OPERATOR, Roles.TRAINEE)))
                .isEqualTo(Verdict.OTHER_ORGANIZATION);
    }

    @Test
    void anyMemberBelongsWhateverTheirRoleAndNoOneElse() {
        assertThat(Tenancy.memberOf(ACME, member(ACME))).isEqualTo(Verdict.ALLOWED);
        assertThat(Tenancy.memberOf(ACME, member(ACME, Roles.TRAINEE))).isEqualTo(Verdict.ALLOWED);
        assertThat(Tenancy.memberOf(ACME, member(GLOBEX, Roles.ORG_ADMIN))).isEqualTo(Verdict.OTHER_ORGANIZATION);
        assertThat(Tenancy.memberOf(ACME, member(null, Roles.OPERATOR))).isEqualTo(Verdict.OTHER_ORGANIZATION);
    }

    @Test
    void aTokenWithoutRolesOrWithUnknownOnesHoldsNone() {
        Membership none = new Membership(null, ACME.toString());
        Membership unknown = new Membership(List.of("SUPERUSER"), ACME.toString());

        assertThat(none.hasAnyRole(Roles.values())).isFalse();
        assertThat(unknown.hasAnyRole(Roles.values())).isFalse();
        assertThat(Tenancy.roleIn(ACME, Roles.TRAINEE, unknown)).isEqualTo(Verdict.MISSING_ROLE);
    }
}
