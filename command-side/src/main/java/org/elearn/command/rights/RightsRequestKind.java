package org.elearn.command.rights;

/**
 * The kinds of rights request that are tracked. Access, rectification, restriction and objection
 * are to come (issue 8); each adds a value here and its own aggregate, and reuses
 * {@link RightsRequests} for the tracking.
 */
enum RightsRequestKind { CANCELLATION }
