package org.elearn.events.instructor;

import java.time.YearMonth;
import java.util.Objects;

/**
 * One position in an instructor's work history. Part of their personal data, encrypted as a whole
 * with the list that holds it.
 *
 * @param organization where they worked
 * @param title their role there
 * @param from when they started
 * @param to when they left, or null if they still work there
 */
public record WorkExperience(String organization, String title, YearMonth from, YearMonth to) {

    /** Checks the required fields. */
    public WorkExperience {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(from, "from");
    }
}
