package org.elearn.command.xapi.statements;

import java.time.Instant;
import java.util.UUID;

/**
 * The filters of a statement query ({@code GET /xapi/statements}), as a {@code more} link carries
 * them on.
 *
 * @param agent the subject id of the {@code agent} parameter (never the agent's identifier), or null
 * @param authority when the agent is named as the LRS names an authority (an account of its home page),
 *                  the credential key it would be; matched by {@code related_agents}. Else null
 * @param verb the verb IRI, or null
 * @param activity the activity IRI, or null
 * @param registration the registration, or null
 * @param relatedActivities whether {@code activity} matches context and SubStatement activities too
 * @param relatedAgents whether {@code agent} matches authority, instructor, team and SubStatement agents too
 * @param since only statements stored after this, or null
 * @param until only statements stored at or before this, or null
 * @param limit the page size; 0 for the most a page holds
 * @param ascending oldest first (else newest first)
 * @param format {@code exact}, {@code ids} or {@code canonical}
 * @param attachments whether the answer is multipart/mixed
 */
record StatementQuery(UUID agent, String authority, String verb, String activity, UUID registration, boolean relatedActivities,
                      boolean relatedAgents, Instant since, Instant until, int limit, boolean ascending,
                      String format, boolean attachments) {
}
