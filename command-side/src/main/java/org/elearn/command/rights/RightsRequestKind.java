package org.elearn.command.rights;

/**
 * The kinds of rights request that are tracked. Cancellation stays open through its cool-off;
 * erasure, restriction and objection are carried out when asked and recorded as completed. Access
 * (the personal-data export, served by the query side) and rectification (profile edits) are not
 * tracked as requests yet.
 */
public enum RightsRequestKind { CANCELLATION, ERASURE, RESTRICTION, OBJECTION }
