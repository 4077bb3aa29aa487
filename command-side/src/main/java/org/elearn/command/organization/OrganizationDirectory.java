package org.elearn.command.organization;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Which organizations exist, for the command side's checks. Blocking JDBC. */
@Repository
public class OrganizationDirectory {

    private final JdbcTemplate jdbc;

    OrganizationDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(UUID organizationId) {
        jdbc.update("INSERT INTO organization (organization_id) VALUES (?)", organizationId);
    }

    public boolean exists(UUID organizationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM organization WHERE organization_id = ?)", Boolean.class, organizationId));
    }
}
