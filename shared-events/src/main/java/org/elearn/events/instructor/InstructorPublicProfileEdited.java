package org.elearn.events.instructor;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.elearn.events.privacy.DataSubjectId;
import org.elearn.events.privacy.PersonalData;

/**
 * An instructor edited what their public profile shows. Public or not, it describes a person, so
 * every field is personal data and reads as erased after erasure. The full new profile.
 *
 * @param instructorId the instructor
 * @param avatarUri their picture
 * @param gender as they describe it
 * @param introduction a short introduction
 * @param headline one line under their name
 * @param biography the longer story
 * @param language the language they teach in (BCP 47)
 * @param website their site
 * @param socialLinks links to their social profiles
 * @param country where they are (ISO 3166-1 alpha-2)
 * @param workExperience their work history
 */
public record InstructorPublicProfileEdited(@DataSubjectId UUID instructorId,
                                            @PersonalData String avatarUri,
                                            @PersonalData String gender,
                                            @PersonalData String introduction,
                                            @PersonalData String headline,
                                            @PersonalData String biography,
                                            @PersonalData String language,
                                            @PersonalData String website,
                                            @PersonalData List<String> socialLinks,
                                            @PersonalData String country,
                                            @PersonalData List<WorkExperience> workExperience) {

    /** Checks the instructor and copies the lists. */
    public InstructorPublicProfileEdited {
        Objects.requireNonNull(instructorId, "instructorId");
        socialLinks = socialLinks == null ? null : List.copyOf(socialLinks);
        workExperience = workExperience == null ? null : List.copyOf(workExperience);
    }
}
