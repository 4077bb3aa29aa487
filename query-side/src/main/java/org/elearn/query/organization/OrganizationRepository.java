package org.elearn.query.organization;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.elearn.query.privacy.ProjectionCipher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reactive reads of organizations and administrators (their personal fields opened off the event loop). */
@Repository
class OrganizationRepository {

    private final DatabaseClient db;
    private final ProjectionCipher cipher;

    OrganizationRepository(DatabaseClient db, ProjectionCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    Flux<Map<String, Object>> all() {
        return db.sql("SELECT organization_id, name, data_region, registered_at FROM organization_view ORDER BY name")
                .map(OrganizationRepository::organization).all();
    }

    Mono<Map<String, Object>> byId(UUID organizationId) {
        return db.sql("SELECT organization_id, name, data_region, registered_at FROM organization_view "
                        + "WHERE organization_id = :id")
                .bind("id", organizationId).map(OrganizationRepository::organization).one();
    }

    Flux<Map<String, Object>> administrators(UUID organizationId) {
        return db.sql("""
                        SELECT administrator_id, name, email, phone, occupation, documents, status, registered_at
                          FROM administrator_view WHERE organization_id = :id ORDER BY registered_at""")
                .bind("id", organizationId)
                .map(row -> {
                    Map<String, Object> admin = new LinkedHashMap<>();
                    admin.put("administratorId", row.get("administrator_id", UUID.class));
                    admin.put("name", row.get("name", String.class));
                    admin.put("email", row.get("email", String.class));
                    admin.put("phone", row.get("phone", String.class));
                    admin.put("occupation", row.get("occupation", String.class));
                    admin.put("documents", row.get("documents", String.class));
                    admin.put("status", row.get("status", String.class));
                    admin.put("registeredAt", row.get("registered_at", OffsetDateTime.class).toInstant());
                    return admin;
                }).all()
                .transform(admins -> cipher.open("administrator_view", "administratorId", admins));
    }

    private static Map<String, Object> organization(Readable row) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("organizationId", row.get("organization_id", UUID.class));
        organization.put("name", row.get("name", String.class));
        organization.put("dataRegion", row.get("data_region", String.class));
        organization.put("registeredAt", row.get("registered_at", OffsetDateTime.class).toInstant());
        return organization;
    }
}
