package org.elearn.support.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current session version of each user whose sessions were ever revoked (by changing their
 * password, by being deactivated, by erasure). A token issued under an older version is refused. Kept current on every instance by
 * the {@code session_revoked} notifications.
 */
public class SessionVersions {

    /** Claim in which a token carries the session version it was issued under. */
    public static final String CLAIM = "sv";
    /** PostgreSQL NOTIFY channel announcing a user whose sessions were revoked. */
    public static final String CHANNEL = "session_revoked";

    private final Map<String, Integer> versions = new ConcurrentHashMap<>();

    public boolean isCurrent(String userId, Number tokenVersion) {
        int required = versions.getOrDefault(userId == null ? "" : userId, 0);
        return required == 0 || (tokenVersion != null && tokenVersion.intValue() >= required);
    }

    public void set(String userId, int version) {
        versions.merge(userId, version, Math::max);
    }
}
