package org.elearn.query.instructor;

import java.time.Instant;
import java.util.UUID;

/** The public profile of an instructor: no email, no phone. */
public record InstructorProfile(UUID instructorId, String name, Instant registeredAt) {
}
