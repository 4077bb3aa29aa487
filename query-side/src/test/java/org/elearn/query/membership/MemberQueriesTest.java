package org.elearn.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.MemberImported;
import org.elearn.query.QuerySideTest;
import org.elearn.query.web.Paged;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link MemberQueries} on a real database, fed by the projection: the list's filters, search,
 * sort and paging, the export stream, a member's own record and whole row with their sealed fields
 * opened, a holder's name, the JSON field names the API has always shown, and no read of a member
 * whose erasure has committed, before the projection has deleted their row.
 */
@QuerySideTest
class MemberQueriesTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    MemberQueries members;
    @Autowired
    JdbcKeyVault vault;
    @Autowired
    ObjectMapper mapper;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void readsListsSearchesAndOpensMembers() throws Exception {
        UUID organization = UUID.randomUUID();
        UUID ada = UUID.randomUUID();
        UUID bo = UUID.randomUUID();
        UUID cy = UUID.randomUUID();
        publish(ada, 0, new MemberImported(ada, organization, "Ada Query", "Ada.Q@Example.org", "+4411", "Sales"));
        publish(bo, 0, new MemberImported(bo, organization, "Bo 100%_Query", "bo@example.org", null, "Ops"));
        publish(cy, 0, new MemberImported(cy, organization, "Cy Query", "cy@example.org", "+4433", "Sales"));
        publish(ada, 1, new MemberEdited(ada, organization, "Ady", "female", "E-1", "ada.q@example.org", "Lead",
                LocalDate.of(2024, 3, 1), "Sales"));
        publish(cy, 1, new MemberDeactivated(cy, organization));
        MemberQueries.Filter none = new MemberQueries.Filter(null, null, null, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Paged<MemberQueries.Member> all = members.page(organization, none, "name,asc", 0, 10).block();
            return all.total() == 3 && all.items().stream().anyMatch(m -> "Lead".equals(m.position()))
                    && all.items().stream().anyMatch(m -> "DEACTIVATED".equals(m.status()));
        });

        Paged<MemberQueries.Member> page = members.page(organization, none, "name,asc", 0, 2).block();
        assertThat(page.items()).extracting(MemberQueries.Member::name).containsExactly("Ada Query", "Bo 100%_Query");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.page()).isZero();
        assertThat(page.size()).isEqualTo(2);
        MemberQueries.Member first = page.items().get(0);
        assertThat(first).extracting(MemberQueries.Member::memberId, MemberQueries.Member::email,
                        MemberQueries.Member::phone, MemberQueries.Member::nickname, MemberQueries.Member::gender,
                        MemberQueries.Member::employeeId, MemberQueries.Member::entryDate,
                        MemberQueries.Member::role, MemberQueries.Member::status)
                .containsExactly(ada, "ada.q@example.org", "+4411", "Ady", "female", "E-1", "2024-03-01", "TRAINEE",
                        "ACTIVE");
        assertThat(first.joinedAt()).isNotNull();
        assertThat(first.cancellationErasureDueAt()).isNull();
        assertThat(members.page(organization, none, "name,desc", 1, 2).block().items())
                .extracting(MemberQueries.Member::name).containsExactly("Ada Query");

        assertThat(names(members.page(organization, new MemberQueries.Filter("Sales", null, "ACTIVE", null),
                "name,asc", 0, 10).block())).containsExactly("Ada Query");
        assertThat(names(members.page(organization, new MemberQueries.Filter(null, "INSTRUCTOR", null, null),
                "name,asc", 0, 10).block())).isEmpty();
        // the whole email, whatever its case and spacing, finds by the blind index; a text in the name by ILIKE
        assertThat(names(members.page(organization, new MemberQueries.Filter(null, null, null, " ADA.q@example.ORG "),
                "name,asc", 0, 10).block())).containsExactly("Ada Query");
        assertThat(names(members.page(organization, new MemberQueries.Filter(null, null, null, "example.org"),
                "name,asc", 0, 10).block())).isEmpty();
        // LIKE's wildcards are searched as text
        assertThat(names(members.page(organization, new MemberQueries.Filter(null, null, null, "0%_q"),
                "name,asc", 0, 10).block())).containsExactly("Bo 100%_Query");
        assertThat(names(members.page(UUID.randomUUID(), none, "name,asc", 0, 10).block())).isEmpty();

        // the departments, each once, by name
        assertThat(members.departments(organization, 0, 10).block()).satisfies(departments -> {
            assertThat(departments.items()).containsExactly("Ops", "Sales");
            assertThat(departments.total()).isEqualTo(2);
        });
        assertThat(members.departments(organization, 1, 1).block().items()).containsExactly("Sales");
        assertThat(members.departments(UUID.randomUUID(), 0, 10).block().items()).isEmpty();

        assertThat(members.all(organization).collectList().block()).extracting(MemberQueries.Member::email)
                .containsExactly("ada.q@example.org", "bo@example.org", "cy@example.org");
        assertThat(members.name(bo).block()).isEqualTo("Bo 100%_Query");
        assertThat(members.name(UUID.randomUUID()).blockOptional()).isEmpty();

        assertThat(members.ownNow(ada)).hasValueSatisfying(own -> {
            assertThat(own.organizationId()).isEqualTo(organization);
            assertThat(own.email()).isEqualTo("ada.q@example.org");
            assertThat(own.entryDate()).isEqualTo("2024-03-01");
        });
        assertThat(members.recordNow(cy)).hasValueSatisfying(row -> {
            assertThat(row.memberId()).isEqualTo(cy);
            assertThat(row.phone()).isEqualTo("+4433");
            assertThat(row.status()).isEqualTo("DEACTIVATED");
        });
        assertThat(members.recordNow(UUID.randomUUID())).isEmpty();

        // the field names the API has shown since the lists were maps
        assertThat(fields(first)).containsExactly("memberId", "name", "email", "phone", "department", "role",
                "status", "nickname", "gender", "employeeId", "position", "entryDate", "joinedAt",
                "cancellationErasureDueAt");
        assertThat(fields(page)).containsExactly("items", "page", "size", "total");
        assertThat(fields(members.recordNow(ada).orElseThrow())).containsExactly("memberId", "organizationId", "name",
                "email", "phone", "department", "role", "status", "nickname", "gender", "employeeId", "position",
                "entryDate", "joinedAt", "erasureDueAt");
        assertThat(mapper.valueToTree(first).get("cancellationErasureDueAt").isNull()).isTrue();

        // an erasure that has committed, before the projection has deleted the row (no UserErased is
        // published here): the row still holds the clear name, and no read shows it
        vault.erase(ada.toString());
        assertThat(jdbc.queryForObject("SELECT name FROM member_view WHERE member_id = ?", String.class, ada))
                .isEqualTo("Ada Query");
        assertThat(members.page(organization, none, "name,asc", 0, 10).block()).satisfies(rest -> {
            assertThat(names(rest)).containsExactly("Bo 100%_Query", "Cy Query");
            assertThat(rest.total()).isEqualTo(2);
        });
        assertThat(names(members.page(organization, new MemberQueries.Filter(null, null, null, "Ada"),
                "name,asc", 0, 10).block())).isEmpty();
        assertThat(members.all(organization).collectList().block()).extracting(MemberQueries.Member::name)
                .containsExactly("Bo 100%_Query", "Cy Query");
        assertThat(members.name(ada).blockOptional()).isEmpty();
        assertThat(members.ownNow(ada)).isEmpty();
        assertThat(members.recordNow(ada)).isEmpty();
    }

    private void publish(UUID member, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Member", member.toString(), sequence, event));
    }

    private static List<String> names(Paged<MemberQueries.Member> page) {
        return page.items().stream().map(MemberQueries.Member::name).toList();
    }

    private List<String> fields(Object value) {
        List<String> names = new ArrayList<>();
        mapper.valueToTree(value).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
