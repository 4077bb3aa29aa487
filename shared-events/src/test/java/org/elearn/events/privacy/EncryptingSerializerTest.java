package org.elearn.events.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.privacy.TestEvents.AddressChanged;
import org.elearn.events.privacy.TestEvents.Address;
import org.elearn.events.privacy.TestEvents.Attendee;
import org.elearn.events.privacy.TestEvents.CourseCreated;
import org.elearn.events.privacy.TestEvents.MessageSent;
import org.elearn.events.privacy.TestEvents.Profile;
import org.elearn.events.privacy.TestEvents.SessionBooked;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serializer end to end: what is stored, what reads back, and what erasure and tampering do. */
class EncryptingSerializerTest {

    private static final String NAME = "Ada Lovelace";
    private static final String EMAIL = "ada@example.org";
    private static final String PHONE = "+44 20 7946 0018";

    private final ObjectMapper json = new ObjectMapper();
    private InMemoryKeyVault vault;
    private EncryptingSerializer serializer;

    @BeforeEach
    void setUp() {
        vault = new InMemoryKeyVault();
        serializer = new EncryptingSerializer(JacksonSerializer.builder().objectMapper(new ObjectMapper()).build(), vault);
    }

    // 1 ------------------------------------------------------------------------------------------

    @Test
    void encryptedFieldsRoundTrip() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);

        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        JsonNode tree = json.readTree(serialized.getData());

        assertThat(tree.get("instructorId").textValue()).isEqualTo(event.instructorId().toString());
        for (String field : List.of("name", "email", "phone")) {
            assertThat(tree.get(field).isTextual()).as(field).isTrue();
            assertThat(tree.get(field).textValue()).as(field).startsWith("pd1:");
        }
        InstructorRegistered back = serializer.deserialize(serialized);
        assertThat(back).isEqualTo(event);
    }

    @Test
    void serializedBytesContainNoClearPersonalData() {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);

        String stored = new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);

        assertThat(stored).contains(event.instructorId().toString());
        SealedValues.assertHoldsNoneOf(stored, List.of(NAME, EMAIL, PHONE));
    }

    @Test
    void absentOptionalPersonalDataStaysNull() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, null);

        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);

        assertThat(json.readTree(serialized.getData()).get("phone").isNull()).isTrue();
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
    }

    // 2 ------------------------------------------------------------------------------------------

    @Test
    void erasedSubjectReadsAsReplacementValue() {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);

        vault.erase(event.instructorId().toString());

        InstructorRegistered back = serializer.deserialize(serialized);
        assertThat(back).isEqualTo(new InstructorRegistered(event.instructorId(), "[erased]", "[erased]", "[erased]"));
    }

    @Test
    void theSealedReaderReadsPersonalFieldsAsReplacementValuesWithoutTheKey() {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);

        InstructorRegistered sealed = serializer.sealedReader().deserialize(serialized);

        assertThat(sealed).isEqualTo(new InstructorRegistered(event.instructorId(), "[erased]", "[erased]", "[erased]"));
        assertThat((InstructorRegistered) serializer.deserialize(serialized)).as("the serializer itself still decrypts")
                .isEqualTo(event);
    }

    @Test
    void erasedNonTextPersonalDataReadsAsNull() throws Exception {
        Profile profile = new Profile(UUID.randomUUID(), NAME, 36, List.of(PHONE, "+44 20 7946 0999"));
        SerializedObject<byte[]> serialized = serializer.serialize(profile, byte[].class);
        JsonNode tree = json.readTree(serialized.getData());
        assertThat(tree.get("age").textValue()).startsWith("pd1:");
        assertThat(tree.get("phones").textValue()).startsWith("pd1:");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(profile);

        vault.erase(profile.userId().toString());

        Profile back = serializer.deserialize(serialized);
        assertThat(back).isEqualTo(new Profile(profile.userId(), "[erased]", null, null));
    }

    @Test
    void erasedSubjectCannotGetNewPersonalDataWritten() {
        UUID id = UUID.randomUUID();
        vault.erase(id.toString());

        assertThatThrownBy(() -> serializer.serialize(new InstructorRegistered(id, NAME, EMAIL, PHONE), byte[].class))
                .isInstanceOf(SubjectErasedException.class);
    }

    // 3 ------------------------------------------------------------------------------------------

    @Test
    void tamperedCiphertextFailsIntegrityCheck() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode tree = (ObjectNode) json.readTree(serializer.serialize(event, byte[].class).getData());

        tree.put("email", SealedValues.flipOneCharacter(tree.get("email").textValue()));

        assertThatThrownBy(() -> serializer.deserialize(reserialized(tree, event.getClass())))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("email")
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    @Test
    void corruptBase64FailsIntegrityCheck() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode tree = (ObjectNode) json.readTree(serializer.serialize(event, byte[].class).getData());
        tree.put("name", tree.get("name").textValue() + "*");

        assertThatThrownBy(() -> serializer.deserialize(reserialized(tree, event.getClass())))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    // 4 ------------------------------------------------------------------------------------------

    @Test
    void ciphertextMovedToAnotherFieldFailsIntegrityCheck() throws Exception {
        InstructorRegistered event = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        ObjectNode tree = (ObjectNode) json.readTree(serializer.serialize(event, byte[].class).getData());
        tree.put("name", tree.get("email").textValue());

        assertThatThrownBy(() -> serializer.deserialize(reserialized(tree, event.getClass())))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .hasMessageContaining("name")
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    @Test
    void ciphertextMovedToAnotherSubjectFailsIntegrityCheck() throws Exception {
        InstructorRegistered ada = new InstructorRegistered(UUID.randomUUID(), NAME, EMAIL, PHONE);
        InstructorRegistered bob = new InstructorRegistered(UUID.randomUUID(), "Bob", "bob@example.org", null);
        JsonNode adaTree = json.readTree(serializer.serialize(ada, byte[].class).getData());
        ObjectNode bobTree = (ObjectNode) json.readTree(serializer.serialize(bob, byte[].class).getData());
        bobTree.put("name", adaTree.get("name").textValue());

        assertThatThrownBy(() -> serializer.deserialize(reserialized(bobTree, bob.getClass())))
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
        JsonNode adaTree = json.readTree(serializer.serialize(ada, byte[].class).getData());
        ObjectNode moved = ((ObjectNode) adaTree.deepCopy()).put("instructorId", bobId.toString());

        // sanity: unchanged, the tree decrypts
        assertThat((Object) serializer.deserialize(reserialized((ObjectNode) adaTree, ada.getClass()))).isEqualTo(ada);
        assertThatThrownBy(() -> serializer.deserialize(reserialized(moved, ada.getClass())))
                .isInstanceOf(PersonalDataIntegrityException.class)
                .satisfies(e -> SealedValues.assertNoClearValue(e, NAME, EMAIL, PHONE));
    }

    // 5 ------------------------------------------------------------------------------------------

    @Test
    void erasingOneOfTwoSubjectsErasesOnlyTheirFields() {
        MessageSent event = new MessageSent(UUID.randomUUID(), UUID.randomUUID(), "Sender Sam", "Recipient Rita");
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);

        vault.erase(event.recipientId().toString());

        MessageSent back = serializer.deserialize(serialized);
        assertThat(back.senderName()).isEqualTo("Sender Sam");
        assertThat(back.recipientName()).isEqualTo("[erased]");
        assertThat(back.senderId()).isEqualTo(event.senderId());
        assertThat(back.recipientId()).isEqualTo(event.recipientId());
    }

    @Test
    void fieldNamingAnotherSubjectIsEncryptedUnderThatSubjectsKey() throws Exception {
        MessageSent event = new MessageSent(UUID.randomUUID(), UUID.randomUUID(), "Sender Sam", "Recipient Rita");
        JsonNode tree = json.readTree(serializer.serialize(event, byte[].class).getData());

        assertThat(SealedValues.open(vault, tree.get("recipientName"), event.recipientId(), "recipientName")).isEqualTo("\"Recipient Rita\"");
        assertThat(SealedValues.open(vault, tree.get("senderName"), event.senderId(), "senderName")).isEqualTo("\"Sender Sam\"");
    }

    // 6 ------------------------------------------------------------------------------------------

    @Test
    void collectionElementsAreEncryptedUnderTheirOwnSubject() throws Exception {
        Attendee first = new Attendee(UUID.randomUUID(), "first@example.org");
        Attendee second = new Attendee(UUID.randomUUID(), "second@example.org");
        SessionBooked event = new SessionBooked(UUID.randomUUID(), "Olga Organizer", List.of(first, second));

        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        JsonNode attendees = json.readTree(serialized.getData()).get("attendees");

        assertThat(attendees.get(0).get("userId").textValue()).isEqualTo(first.userId().toString());
        assertThat(SealedValues.open(vault, attendees.get(0).get("email"), first.userId(), "attendees[].email"))
                .isEqualTo("\"first@example.org\"");
        assertThat(SealedValues.open(vault, attendees.get(1).get("email"), second.userId(), "attendees[].email"))
                .isEqualTo("\"second@example.org\"");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);
    }

    @Test
    void erasingOneAttendeeAffectsOnlyThatElement() {
        Attendee first = new Attendee(UUID.randomUUID(), "first@example.org");
        Attendee second = new Attendee(UUID.randomUUID(), "second@example.org");
        SessionBooked event = new SessionBooked(UUID.randomUUID(), "Olga Organizer", List.of(first, second));
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);

        vault.erase(first.userId().toString());

        SessionBooked back = serializer.deserialize(serialized);
        assertThat(back.organizerName()).isEqualTo("Olga Organizer");
        assertThat(back.attendees()).containsExactly(
                new Attendee(first.userId(), "[erased]"),
                second);
    }

    @Test
    void nestedRecordInheritsEnclosingSubject() throws Exception {
        AddressChanged event = new AddressChanged(UUID.randomUUID(), new Address("London", "12 Baker Street"));
        SerializedObject<byte[]> serialized = serializer.serialize(event, byte[].class);
        JsonNode address = json.readTree(serialized.getData()).get("address");

        assertThat(address.get("city").textValue()).isEqualTo("London");
        assertThat(SealedValues.open(vault, address.get("street"), event.userId(), "address.street")).isEqualTo("\"12 Baker Street\"");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(event);

        vault.erase(event.userId().toString());

        AddressChanged back = serializer.deserialize(serialized);
        assertThat(back).isEqualTo(new AddressChanged(event.userId(), new Address("London", "[erased]")));
    }

    // 7 ------------------------------------------------------------------------------------------

    @Test
    void typesWithoutPersonalDataPassThroughUnchanged() {
        JacksonSerializer plain = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        CourseCreated event = new CourseCreated(UUID.randomUUID(), "Intro to Crypto", 30, List.of("security", "aes"));

        SerializedObject<byte[]> encrypted = serializer.serialize(event, byte[].class);
        SerializedObject<byte[]> expected = plain.serialize(event, byte[].class);

        assertThat(encrypted.getData()).isEqualTo(expected.getData());
        assertThat(encrypted.getType()).isEqualTo(expected.getType());
        assertThat((Object) serializer.deserialize(encrypted)).isEqualTo(event);
        assertThat(PersonalDataModel.of(CourseCreated.class).hasPersonalData()).isFalse();
    }

    @Test
    void subjectWithoutPersonalDataPassesThroughUnchanged() {
        JacksonSerializer plain = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
        UserErased event = new UserErased(UUID.randomUUID(), UUID.randomUUID());

        assertThat(serializer.serialize(event, byte[].class).getData())
                .isEqualTo(plain.serialize(event, byte[].class).getData());
        assertThat((Object) serializer.deserialize(serializer.serialize(event, String.class))).isEqualTo(event);
    }

    // helpers ------------------------------------------------------------------------------------

    private SerializedObject<byte[]> reserialized(ObjectNode tree, Class<?> type) throws Exception {
        return new SimpleSerializedObject<>(json.writeValueAsBytes(tree), byte[].class, serializer.typeForClass(type));
    }
}
