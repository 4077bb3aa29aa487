package org.elearn.events.membership;

/** The role an invitation gives within the organization. */
public enum InvitedRole {
    /** Learns: enrols in courses, takes exams. */
    TRAINEE,
    /** Teaches: publishes courses. */
    INSTRUCTOR
}
