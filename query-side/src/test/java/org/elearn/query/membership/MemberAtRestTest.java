package org.elearn.query.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.elearn.events.membership.MemberImported;
import org.elearn.support.keyvault.JdbcKeyVault;
import org.elearn.query.QuerySideTest;
import org.elearn.query.sealing.ProjectionCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * member_view at rest: a projected member's row, read raw, holds the name and department (which SQL
 * sorts and filters on) and no clear email or phone; the email is found by its blind index only,
 * and once the member's key is destroyed the sealed fields read as absent.
 */
@QuerySideTest
class MemberAtRestTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProjectionCipher cipher;
    @Autowired
    JdbcKeyVault vault;

    @Test
    void memberRowHoldsNoClearEmailOrPhone() {
        UUID member = UUID.randomUUID();
        String tag = member.toString().substring(0, 8);
        String email = "Rest.Mail-" + tag + "@Sealed.example";
        String phone = "+4477" + Math.abs(member.getLeastSignificantBits() % 10_000_000L);
        eventStore.publish(new GenericDomainEventMessage<>("Member", member.toString(), 0L,
                new MemberImported(member, UUID.randomUUID(), "Rhea Rest", email, phone, "Sales")));

        String raw = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList(
                        "SELECT m::text AS raw FROM member_view m WHERE member_id = ?", String.class, member)
                .stream().findFirst().orElse(null), java.util.Objects::nonNull);

        assertThat(raw).contains("Rhea Rest").contains("Sales")
                .doesNotContainIgnoringCase(tag + "@sealed").doesNotContain(phone.substring(1));
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM member_view WHERE member_id = ?", member);
        assertThat((String) row.get("email")).startsWith("pc1:");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM member_view WHERE email_index = ?", Long.class,
                (Object) cipher.emailIndex("  " + email.toLowerCase() + " "))).isEqualTo(1);

        Map<String, Object> opened = cipher.openColumns("member_view", member, row);
        assertThat(opened).containsEntry("email", email).containsEntry("phone", phone).doesNotContainKey("email_index");

        vault.erase(member.toString());
        Map<String, Object> erased = cipher.openColumns("member_view", member,
                jdbc.queryForMap("SELECT * FROM member_view WHERE member_id = ?", member));
        assertThat(erased.get("email")).isNull();
        assertThat(erased.get("phone")).isNull();
    }
}
