package org.elearn.query.membership;

import static org.elearn.query.jdbc.Columns.instant;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.web.Paged;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one reader of {@code invitation_view} ({@link InvitationProjection} writes it): an
 * organization's invitations with their status, filtered, searched by the whole email (its blind
 * index), sorted and paged, the emails opened off the event loop. An invitation still open past its
 * expiry reads as {@code EXPIRED}: expiry is no event, so the database's clock decides.
 */
@Component
public record InvitationQueries(DatabaseClient db, ProjectionCipher cipher) {

    private static final Map<String, String> SORTABLE = Map.of("sentAt", "sent_at", "invitedAt", "invited_at",
            "expiresAt", "expires_at");
    private static final Map<String, String> STATUS = Map.of(
            "SENT", "status = 'SENT' AND expires_at > now()",
            "EXPIRED", "status = 'SENT' AND expires_at <= now()",
            "ACCEPTED", "status = 'ACCEPTED'",
            "REVOKED", "status = 'REVOKED'");

    /**
     * An invitation as its organization's administrators see it: never its code.
     *
     * @param status SENT (open), EXPIRED (open but past its expiry), ACCEPTED or REVOKED
     * @param answeredAt when it was accepted or revoked; null while open
     */
    public record Invitation(UUID invitationId, UUID inviteeId, String email, String role, String status,
                             Instant invitedAt, Instant sentAt, Instant expiresAt, Instant answeredAt) {

        Invitation opened(ProjectionCipher.Opener open) {
            return new Invitation(invitationId, inviteeId, open.text("email", email), role, status, invitedAt, sentAt,
                    expiresAt, answeredAt);
        }
    }

    /**
     * A page of the organization's invitations; {@code status} one of SENT, EXPIRED, ACCEPTED and
     * REVOKED or null for all, {@code email} a whole address or null, {@code sort} {@code field,asc|desc}
     * with a field among sentAt, invitedAt and expiresAt.
     */
    public Mono<Paged<Invitation>> page(UUID organizationId, String status, String email, String sort, int page,
                                        int size) {
        String where = " FROM invitation_view WHERE organization_id = :org"
                + (status == null ? "" : " AND " + STATUS.get(status))
                + (email == null || email.isBlank() ? "" : " AND email_index = :emailIndex");
        String[] order = sort.split(",");
        String select = """
                SELECT invitation_id, invitee_id, email, role, invited_at, sent_at, expires_at, answered_at,
                       CASE WHEN status = 'SENT' AND expires_at <= now() THEN 'EXPIRED' ELSE status END AS status"""
                + where + " ORDER BY " + SORTABLE.get(order[0]) + " " + order[1].toUpperCase()
                + ", invitation_id LIMIT :limit OFFSET :offset";
        Mono<List<Invitation>> items = bind(db.sql(select), organizationId, email)
                .bind("limit", size).bind("offset", (long) page * size)
                .map(InvitationQueries::invitation).all().collectList()
                .flatMap(rows -> cipher.openRows(InvitationProjection.TABLE, rows, Invitation::inviteeId,
                        Invitation::opened));
        Mono<Long> total = bind(db.sql("SELECT count(*) AS total" + where), organizationId, email)
                .map(row -> row.get("total", Long.class)).one();
        return Paged.of(items, total, page, size);
    }

    private DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, UUID organizationId,
                                                   String email) {
        spec = spec.bind("org", organizationId);
        return email == null || email.isBlank() ? spec : spec.bind("emailIndex", cipher.emailIndex(email));
    }

    private static Invitation invitation(Readable row) {
        return new Invitation(row.get("invitation_id", UUID.class), row.get("invitee_id", UUID.class),
                row.get("email", String.class), row.get("role", String.class), row.get("status", String.class),
                instant(row.get("invited_at", OffsetDateTime.class)), instant(row.get("sent_at", OffsetDateTime.class)),
                instant(row.get("expires_at", OffsetDateTime.class)),
                instant(row.get("answered_at", OffsetDateTime.class)));
    }
}
