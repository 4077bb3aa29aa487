package org.elearn.support.db;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The external PostgreSQL both services use: {@code LEARNING_DB_URL}, {@code LEARNING_DB_USER},
 * {@code LEARNING_DB_PASSWORD} (or {@code learning.db.*}).
 */
@ConfigurationProperties("learning.db")
public record LearningDatabaseProperties(String url, String user, String password) {

    public LearningDatabaseProperties {
        url = url == null || url.isBlank() ? "postgresql://localhost:5432/learning" : url;
        user = user == null ? "learning" : user;
        password = password == null ? "" : password;
    }

    public DatabaseUrl databaseUrl() {
        return DatabaseUrl.parse(url);
    }
}
