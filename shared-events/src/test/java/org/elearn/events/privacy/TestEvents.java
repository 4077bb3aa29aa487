package org.elearn.events.privacy;

import java.util.List;
import java.util.UUID;

/** Event types for the crypto-shredding tests; in {@code org.elearn} so that {@link PersonalDataModel} inspects them. */
final class TestEvents {

    private TestEvents() {
    }

    /** One event with personal data of several JSON kinds. */
    record Profile(@DataSubjectId UUID userId,
                   @PersonalData String name,
                   @PersonalData Integer age,
                   @PersonalData List<String> phones) {
    }

    /** Two data subjects in one event. */
    record MessageSent(@DataSubjectId UUID senderId,
                       UUID recipientId,
                       @PersonalData String senderName,
                       @PersonalData(subject = "recipientId") String recipientName) {
    }

    /** An element of a collection, carrying its own data subject. */
    record Attendee(@DataSubjectId UUID userId, @PersonalData String email) {
    }

    record SessionBooked(@DataSubjectId UUID organizerId,
                         @PersonalData String organizerName,
                         List<Attendee> attendees) {
    }

    /** A nested record without its own subject: its personal data belongs to the enclosing subject. */
    record Address(String city, @PersonalData String street) {
    }

    record AddressChanged(@DataSubjectId UUID userId, Address address) {
    }

    /** No personal data at all. */
    record CourseCreated(UUID courseId, String title, int seats, List<String> tags) {
    }
}
