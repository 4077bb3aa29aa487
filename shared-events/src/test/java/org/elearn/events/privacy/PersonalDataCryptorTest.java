package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.privacy.TestEvents.Attendee;
import org.elearn.events.privacy.TestEvents.MessageSent;
import org.elearn.events.privacy.TestEvents.SessionBooked;
import org.junit.jupiter.api.Test;

/**
 * What the cryptor adds beyond the serializer's round trip (covered in {@link EncryptingSerializerTest}):
 * reading values stored before encryption, and grouping personal fields by subject for the export.
 */
class PersonalDataCryptorTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final PersonalDataCryptor cryptor = new PersonalDataCryptor(new InMemoryKeyVault(), mapper);

    @Test
    void valueWrittenBeforeEncryptionIsReadAsIs() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), "Ada Lovelace", "ada@example.org",
                "+44 20 7946 0018");
        ObjectNode legacy = mapper.valueToTree(event);

        cryptor.decrypt(legacy, PersonalDataModel.of(InstructorRegistered.class));

        assertThat(mapper.treeToValue(legacy, InstructorRegistered.class)).isEqualTo(event);
    }

    @Test
    void fieldsAreGroupedByTheSubjectTheyBelongTo() {
        UUID sender = UUID.randomUUID();
        UUID recipient = UUID.randomUUID();
        ObjectNode tree = mapper.valueToTree(new MessageSent(sender, recipient, "Sam Sender", "Rita Recipient"));

        Map<String, Map<String, JsonNode>> bySubject =
                cryptor.fieldsBySubject(tree, PersonalDataModel.of(MessageSent.class));

        assertThat(bySubject).containsOnlyKeys(sender.toString(), recipient.toString());
        assertThat(bySubject.get(sender.toString())).containsOnlyKeys("senderName");
        assertThat(bySubject.get(recipient.toString()).get("recipientName").textValue()).isEqualTo("Rita Recipient");
    }

    @Test
    void repeatedPathsOfOneSubjectAreGatheredWithoutTouchingTheTree() {
        UUID organizer = UUID.randomUUID();
        UUID attendee = UUID.randomUUID();
        SessionBooked booked = new SessionBooked(organizer, "Olga Organizer", java.util.List.of(
                new Attendee(attendee, "first@example.org"), new Attendee(attendee, "second@example.org")));
        ObjectNode tree = mapper.valueToTree(booked);
        ObjectNode before = tree.deepCopy();

        Map<String, JsonNode> fields = cryptor.fieldsBySubject(tree, PersonalDataModel.of(SessionBooked.class))
                .get(attendee.toString());

        assertThat(fields.get("attendees[].email")).hasSize(2);
        assertThat(fields.get("attendees[].email").get(1).textValue()).isEqualTo("second@example.org");
        assertThat(tree).isEqualTo(before);
    }
}
