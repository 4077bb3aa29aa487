package org.elearn.query.instructor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** The public profile of an instructor: never email or phone. */
public record InstructorProfile(UUID instructorId, String name, Instant registeredAt, String avatarUri, String gender,
                                String introduction, String headline, String biography, String language,
                                String website, JsonNode socialLinks, String country, JsonNode workExperience) {
}
