package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.privacy.TestEvents.Address;
import org.elearn.events.privacy.TestEvents.AddressChanged;
import org.elearn.events.privacy.TestEvents.Attendee;
import org.elearn.events.privacy.TestEvents.CourseCreated;
import org.elearn.events.privacy.TestEvents.MessageSent;
import org.elearn.events.privacy.TestEvents.Profile;
import org.elearn.events.privacy.TestEvents.SessionBooked;
import org.junit.jupiter.api.Test;

/** The encryption of personal data in a JSON tree, as the serializer uses it, without Axon. */
class PersonalDataCryptorTest {

    private static final String NAME = "Ada Lovelace";
    private static final String EMAIL = "ada@example.org";
    private static final String PHONE = "+44 20 7946 0018";

    private final ObjectMapper mapper = new ObjectMapper();
    private final InMemoryKeyVault vault = new InMemoryKeyVault();
    private final PersonalDataCryptor cryptor = new PersonalDataCryptor(vault, mapper);

    @Test
    void encryptedFieldsRoundTrip() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);

        ObjectNode stored = seal(event);

        assertThat(stored.get("instructorId").textValue()).isEqualTo(event.instructorId().toString());
        for (String field : List.of("name", "email", "phone")) {
            assertThat(stored.get(field).textValue()).as(field).startsWith("pd1:");
        }
        SealedValues.assertHoldsNoneOf(mapper.writeValueAsString(stored), List.of(NAME, EMAIL, PHONE));
        assertThat(unseal(stored, InstructorRegistered.class)).isEqualTo(event);
    }

    @Test
    void erasedSubjectReadsAsReplacementValue() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode stored = seal(event);

        vault.erase(event.instructorId().toString());

        assertThat(unseal(stored, InstructorRegistered.class))
                .isEqualTo(new InstructorRegistered(event.instructorId(), "[erased]", "[erased]", "[erased]"));
    }

    @Test
    void erasedNonTextPersonalDataReadsAsNull() throws Exception {
        Profile profile = new Profile(UUID.randomUUID(), NAME, 36, List.of(PHONE, "+44 20 7946 0999"));
        ObjectNode stored = seal(profile);
        assertThat(stored.get("age").textValue()).startsWith("pd1:");
        assertThat(stored.get("phones").textValue()).startsWith("pd1:");
        assertThat(unseal(stored, Profile.class)).isEqualTo(profile);

        vault.erase(profile.userId().toString());

        assertThat(unseal(stored, Profile.class)).isEqualTo(new Profile(profile.userId(), "[erased]", null, null));
    }

    @Test
    void tamperedCiphertextFailsIntegrityCheck() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode stored = seal(event);
        stored.put("email", SealedValues.flipOneCharacter(stored.get("email").textValue()));

        assertThatThrownBy(() -> unseal(stored, InstructorRegistered.class))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("email")
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    @Test
    void ciphertextMovedToAnotherFieldFailsIntegrityCheck() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode stored = seal(event);
        stored.put("name", stored.get("email").textValue());

        assertThatThrownBy(() -> unseal(stored, InstructorRegistered.class))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("name")
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    @Test
    void ciphertextMovedToAnotherSubjectFailsIntegrityCheck() throws Exception {
        ObjectNode ada = seal(new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE));
        ObjectNode bob = seal(new InstructorRegistered(UUID.randomUUID(), "Bob", "bob@example.org", null));
        bob.put("name", ada.get("name").textValue());

        assertThatThrownBy(() -> unseal(bob, InstructorRegistered.class))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    @Test
    void associatedDataBindsSubjectEvenUnderTheSameKey() throws Exception {
        // both subjects share one data key, so only the associated data can tell them apart
        UUID adaId = UUID.randomUUID();
        UUID bobId = UUID.randomUUID();
        vault.keyForWriting(adaId.toString());
        vault.shareKey(adaId.toString(), bobId.toString());
        InstructorRegistered ada = new InstructorRegistered(adaId, NAME, EMAIL, PHONE);
        ObjectNode stored = seal(ada);
        ObjectNode moved = stored.deepCopy().put("instructorId", bobId.toString());

        assertThat(unseal(stored, InstructorRegistered.class)).isEqualTo(ada);
        assertThatThrownBy(() -> unseal(moved, InstructorRegistered.class))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    @Test
    void erasingOneOfTwoSubjectsErasesOnlyTheirFields() throws Exception {
        MessageSent event = new MessageSent(UUID.randomUUID(), UUID.randomUUID(), "Sender Sam", "Recipient Rita");
        ObjectNode stored = seal(event);
        assertThat(SealedValues.open(vault, stored.get("recipientName"), event.recipientId(), "recipientName"))
                .isEqualTo("\"Recipient Rita\"");
        assertThat(SealedValues.open(vault, stored.get("senderName"), event.senderId(), "senderName"))
                .isEqualTo("\"Sender Sam\"");

        vault.erase(event.recipientId().toString());

        assertThat(unseal(stored, MessageSent.class))
                .isEqualTo(new MessageSent(event.senderId(), event.recipientId(), "Sender Sam", "[erased]"));
    }

    @Test
    void collectionElementsAreEncryptedUnderTheirOwnSubject() throws Exception {
        Attendee first = new Attendee(UUID.randomUUID(), "first@example.org");
        Attendee second = new Attendee(UUID.randomUUID(), "second@example.org");
        SessionBooked event = new SessionBooked(UUID.randomUUID(), "Olga Organizer", List.of(first, second));

        ObjectNode stored = seal(event);
        JsonNode attendees = stored.get("attendees");

        assertThat(attendees.get(0).get("userId").textValue()).isEqualTo(first.userId().toString());
        assertThat(SealedValues.open(vault, attendees.get(0).get("email"), first.userId(), "attendees[].email"))
                .isEqualTo("\"first@example.org\"");
        assertThat(SealedValues.open(vault, attendees.get(1).get("email"), second.userId(), "attendees[].email"))
                .isEqualTo("\"second@example.org\"");
        assertThat(unseal(stored, SessionBooked.class)).isEqualTo(event);
    }

    @Test
    void erasingOneAttendeeAffectsOnlyThatElement() throws Exception {
        Attendee first = new Attendee(UUID.randomUUID(), "first@example.org");
        Attendee second = new Attendee(UUID.randomUUID(), "second@example.org");
        SessionBooked event = new SessionBooked(UUID.randomUUID(), "Olga Organizer", List.of(first, second));
        ObjectNode stored = seal(event);

        vault.erase(first.userId().toString());

        SessionBooked back = unseal(stored, SessionBooked.class);
        assertThat(back.organizerName()).isEqualTo("Olga Organizer");
        assertThat(back.attendees()).containsExactly(new Attendee(first.userId(), "[erased]"), second);
    }

    @Test
    void nestedRecordInheritsEnclosingSubject() throws Exception {
        AddressChanged event = new AddressChanged(UUID.randomUUID(), new Address("London", "12 Baker Street"));
        ObjectNode stored = seal(event);
        JsonNode address = stored.get("address");

        assertThat(address.get("city").textValue()).isEqualTo("London");
        assertThat(SealedValues.open(vault, address.get("street"), event.userId(), "address.street"))
                .isEqualTo("\"12 Baker Street\"");
        assertThat(unseal(stored, AddressChanged.class)).isEqualTo(event);

        vault.erase(event.userId().toString());

        assertThat(unseal(stored, AddressChanged.class))
                .isEqualTo(new AddressChanged(event.userId(), new Address("London", "[erased]")));
    }

    @Test
    void typesWithoutPersonalDataAreLeftUnchanged() {
        CourseCreated event = new CourseCreated(UUID.randomUUID(), "Intro to Crypto", 30, List.of("security", "aes"));
        PersonalDataModel model = PersonalDataModel.of(CourseCreated.class);
        ObjectNode tree = mapper.valueToTree(event);
        ObjectNode original = tree.deepCopy();

        cryptor.encrypt(tree, model);

        assertThat(model.hasPersonalData()).isFalse();
        assertThat(PersonalDataModel.of(InstructorRegistered.class).hasPersonalData()).isTrue();
        assertThat(tree).isEqualTo(original);
    }

    @Test
    void valueWrittenBeforeEncryptionIsReadAsIs() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode legacy = mapper.valueToTree(event);

        assertThat(unseal(legacy, InstructorRegistered.class)).isEqualTo(event);
    }

    private ObjectNode seal(Object event) {
        ObjectNode tree = mapper.valueToTree(event);
        cryptor.encrypt(tree, PersonalDataModel.of(event.getClass()));
        return tree;
    }

    private <T> T unseal(ObjectNode stored, Class<T> type) throws Exception {
        ObjectNode tree = stored.deepCopy();
        cryptor.decrypt(tree, PersonalDataModel.of(type));
        return mapper.treeToValue(tree, type);
    }
}
