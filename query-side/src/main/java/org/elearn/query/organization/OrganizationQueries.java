package org.elearn.query.organization;

import static org.elearn.query.jdbc.Columns.instant;
import static org.elearn.query.jdbc.Columns.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.elearn.query.sealing.ProjectionCipher;
import org.elearn.query.web.Paged;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one reader of {@code organization_view} and {@code administrator_view}
 * ({@link OrganizationProjection} writes them). The administrators' personal fields are sealed and
 * opened off the event loop; the reactive reads go through R2DBC, the blocking ones ({@code …Now})
 * through JDBC, for callers already off the event loop.
 */
@Component
public record OrganizationQueries(DatabaseClient db, JdbcTemplate jdbc, ProjectionCipher cipher) {

    private static final String ADMINISTRATORS = "administrator_view";
    private static final String ORGANIZATION = "SELECT organization_id, name, data_region, registered_at "
            + "FROM organization_view";
    private static final String ADMINISTRATOR = "SELECT administrator_id, organization_id, name, email, phone, "
            + "occupation, documents, status, registered_at FROM administrator_view";

    /** An organization. */
    public record Organization(UUID organizationId, String name, String dataRegion, Instant registeredAt) {
    }

    /** An administrator as their organization's list shows them. */
    public record Administrator(UUID administratorId, String name, String email, String phone, String occupation,
                                JsonNode documents, String status, Instant registeredAt) {
    }

    /** An administrator's own record, as their profile shows it. */
    public record OwnAdministrator(UUID organizationId, String name, String email, String phone, String occupation,
                                   String status) {
    }

    /** Everything {@code administrator_view} holds about an administrator but its bookkeeping. */
    public record AdministratorRecord(UUID administratorId, UUID organizationId, String name, String email,
                                      String phone, String occupation, JsonNode documents, String status,
                                      Instant registeredAt) {
    }

    /** An administrator's row as stored, its personal fields sealed. */
    private record Sealed(UUID administratorId, UUID organizationId, String name, String email, String phone,
                          String occupation, String documents, String status, Instant registeredAt) {

        AdministratorRecord opened(ProjectionCipher.Opener open) {
            return new AdministratorRecord(administratorId, organizationId, open.text("name", name),
                    open.text("email", email), open.text("phone", phone), open.text("occupation", occupation),
                    open.json("documents", documents), status, registeredAt);
        }
    }

    /** An administrator in the operator's list across organizations, with their organization's name. */
    public record ListedAdministrator(UUID administratorId, UUID organizationId, String organizationName, String name,
                                      String email, String phone, String occupation, JsonNode documents,
                                      String status, Instant registeredAt) {
    }

    /**
     * A page of the organizations in this order: {@code name,asc|desc} or {@code registeredAt,asc|desc}
     * (ties by id in the same direction).
     */
    public Mono<Paged<Organization>> page(String sort, int page, int size) {
        String[] by = sort.split(",");
        String column = "registeredAt".equals(by[0]) ? "registered_at" : "name";
        String direction = "desc".equals(by[1]) ? " DESC" : " ASC";
        Mono<List<Organization>> items = db.sql(ORGANIZATION + " ORDER BY " + column + direction + ", organization_id"
                        + direction + " LIMIT :limit OFFSET :offset")
                .bind("limit", size).bind("offset", (long) page * size)
                .map(OrganizationQueries::organization).all().collectList();
        Mono<Long> total = db.sql("SELECT count(*) AS total FROM organization_view")
                .map(row -> row.get("total", Long.class)).one();
        return Paged.of(items, total, page, size);
    }

    /**
     * A page of the administrators of every organization, in one status or all, the first registered
     * first (their names are sealed: nothing sorts on them).
     */
    public Mono<Paged<ListedAdministrator>> administrators(String status, int page, int size) {
        String where = status == null ? "" : " WHERE a.status = :status";
        DatabaseClient.GenericExecuteSpec items = db.sql("""
                SELECT a.administrator_id, a.organization_id, o.name AS organization_name, a.name, a.email, a.phone,
                       a.occupation, a.documents, a.status, a.registered_at
                  FROM administrator_view a JOIN organization_view o ON o.organization_id = a.organization_id"""
                + where + " ORDER BY a.registered_at, a.administrator_id LIMIT :limit OFFSET :offset")
                .bind("limit", size).bind("offset", (long) page * size);
        DatabaseClient.GenericExecuteSpec total = db.sql("SELECT count(*) AS total FROM administrator_view a"
                + " JOIN organization_view o ON o.organization_id = a.organization_id" + where);
        if (status != null) {
            items = items.bind("status", status);
            total = total.bind("status", status);
        }
        Mono<List<ListedAdministrator>> listed = items.map(row -> new SealedListed(new Sealed(
                        row.get("administrator_id", UUID.class), row.get("organization_id", UUID.class),
                        row.get("name", String.class), row.get("email", String.class), row.get("phone", String.class),
                        row.get("occupation", String.class), row.get("documents", String.class),
                        row.get("status", String.class), instant(row.get("registered_at", OffsetDateTime.class))),
                        row.get("organization_name", String.class)))
                .all().collectList()
                .flatMap(rows -> cipher.openRows(ADMINISTRATORS, rows, r -> r.row().administratorId(), SealedListed::opened));
        return Paged.of(listed, total.map(row -> row.get("total", Long.class)).one(), page, size);
    }

    /** A row of the list across organizations: the administrator's sealed row and their organization's name. */
    private record SealedListed(Sealed row, String organizationName) {

        ListedAdministrator opened(ProjectionCipher.Opener open) {
            AdministratorRecord a = row.opened(open);
            return new ListedAdministrator(a.administratorId(), a.organizationId(), organizationName, a.name(),
                    a.email(), a.phone(), a.occupation(), a.documents(), a.status(), a.registeredAt());
        }
    }

    /** Every organization, by name. */
    public Flux<Organization> all() {
        return db.sql(ORGANIZATION + " ORDER BY name").map(OrganizationQueries::organization).all();
    }

    public Mono<Organization> byId(UUID organizationId) {
        return db.sql(ORGANIZATION + " WHERE organization_id = :id")
                .bind("id", organizationId).map(OrganizationQueries::organization).one();
    }

    /** The organization's administrators, the first registered first. */
    public Flux<Administrator> administrators(UUID organizationId) {
        Flux<Sealed> sealed = db.sql(ADMINISTRATOR + " WHERE organization_id = :id ORDER BY registered_at")
                .bind("id", organizationId)
                .map(row -> new Sealed(row.get("administrator_id", UUID.class), row.get("organization_id", UUID.class),
                        row.get("name", String.class), row.get("email", String.class),
                        row.get("phone", String.class), row.get("occupation", String.class),
                        row.get("documents", String.class), row.get("status", String.class),
                        instant(row.get("registered_at", OffsetDateTime.class))))
                .all();
        return cipher.openRows(ADMINISTRATORS, sealed, Sealed::administratorId, Sealed::opened)
                .map(a -> new Administrator(a.administratorId(), a.name(), a.email(), a.phone(), a.occupation(),
                        a.documents(), a.status(), a.registeredAt()));
    }

    /** The administrator's whole row, for the personal-data export; blocking. */
    public Optional<AdministratorRecord> recordNow(UUID administratorId) {
        List<Sealed> rows = jdbc.query(ADMINISTRATOR + " WHERE administrator_id = ?",
                (rs, n) -> new Sealed(uuid(rs, "administrator_id"), uuid(rs, "organization_id"), rs.getString("name"),
                        rs.getString("email"), rs.getString("phone"), rs.getString("occupation"),
                        rs.getString("documents"), rs.getString("status"), instant(rs, "registered_at")),
                administratorId);
        return cipher.openRowsNow(ADMINISTRATORS, rows, Sealed::administratorId, Sealed::opened).stream().findFirst();
    }

    /** The administrator's own record; blocking. */
    public Optional<OwnAdministrator> ownNow(UUID administratorId) {
        return recordNow(administratorId).map(a -> new OwnAdministrator(a.organizationId(), a.name(), a.email(),
                a.phone(), a.occupation(), a.status()));
    }

    private static Organization organization(Readable row) {
        return new Organization(row.get("organization_id", UUID.class), row.get("name", String.class),
                row.get("data_region", String.class), instant(row.get("registered_at", OffsetDateTime.class)));
    }
}
