package org.elearn.command.identity;

import java.util.List;
import java.util.UUID;

/** A login: who it is, what they may do, and their password hash (never leaves this package). */
record Account(UUID userId, String passwordHash, List<String> roles, UUID organizationId,
               AccountStore.Status status, int sessionVersion) {
}
