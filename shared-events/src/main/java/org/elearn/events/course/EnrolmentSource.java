package org.elearn.events.course;

/** How a trainee came to be enrolled. */
public enum EnrolmentSource {
    /** An administrator assigned the course to them, or to their department. */
    ASSIGNED,
    /** They subscribed to it themselves. */
    SUBSCRIBED
}
