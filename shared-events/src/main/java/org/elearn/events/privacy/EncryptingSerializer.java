package org.elearn.events.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon {@link Serializer} that wraps the Jackson serializer and encrypts {@link PersonalData}
 * fields on write and decrypts them on read. Types without personal data pass straight through.
 * Configure it for events, snapshots and dead letters alike, so no stored message kind bypasses it.
 *
 * <p>After a subject's key is destroyed, their fields read as the replacement value; an
 * authentication failure is an integrity error, logged without data and raised.
 */
public final class EncryptingSerializer implements Serializer {

    private static final Logger log = LoggerFactory.getLogger(EncryptingSerializer.class);

    private final JacksonSerializer delegate;
    private final ObjectMapper mapper;
    private final PersonalDataCryptor cryptor;
    private final StreamingEncryption streaming;
    /** Whether {@link #deserialize} reads sealed: the {@link #sealedReader()} view. */
    private final boolean readsSealed;

    public EncryptingSerializer(JacksonSerializer delegate, KeyVault vault) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.cryptor = new PersonalDataCryptor(vault, mapper);
        this.streaming = new StreamingEncryption(vault, mapper);
        this.readsSealed = false;
    }

    private EncryptingSerializer(EncryptingSerializer serializer) {
        this.delegate = serializer.delegate;
        this.mapper = serializer.mapper;
        this.cryptor = serializer.cryptor;
        this.streaming = serializer.streaming;
        this.readsSealed = true;
    }

    /**
     * This serializer as a reader that decrypts nothing: its {@code deserialize} is
     * {@link #deserializeSealed}; it writes as this one does. For Axon's utilities that take a
     * serializer, where what is read needs no personal field (an aggregate's history, say).
     */
    public Serializer sealedReader() {
        return readsSealed ? this : new EncryptingSerializer(this);
    }

    private static <T extends Throwable> T findCause(Throwable error, Class<T> type) {
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    public PersonalDataCryptor cryptor() {
        return cryptor;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalDataModel model = object == null ? null : PersonalDataModel.of(object.getClass());
        if (model == null || !model.hasPersonalData()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        try {
            SerializedObject<byte[]> bytes = new SimpleSerializedObject<>(streaming.serialize(object),
                    byte[].class, typeForClass(object.getClass()));
            return getConverter().convert(bytes, expectedRepresentation);
        } catch (SubjectErasedException | PersonalDataIntegrityException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            SubjectErasedException erased = findCause(e, SubjectErasedException.class);
            if (erased != null) {
                throw erased;
            }
            IllegalStateException invalid = findCause(e, IllegalStateException.class);
            if (invalid != null) {
                throw invalid;
            }
            throw new SerializationException("cannot serialize " + object.getClass().getName(), e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (readsSealed) {
            return deserializeSealed(serializedObject);
        }
        return read(serializedObject, (root, type) -> {
            try {
                cryptor.decrypt(root, PersonalDataModel.of(type));
            } catch (PersonalDataIntegrityException e) {
                log.error("integrity error reading {}: {}", type.getSimpleName(), e.getMessage());
                throw e;
            }
        });
    }

    /**
     * Deserializes without decrypting: every personal field reads as its replacement value (as an
     * erased subject's would), and no key is asked for. For handlers that read no personal field
     * (the learning report, say), which otherwise paid a key lookup, AES-GCM and a JSON parse of
     * each decrypted value for every event they handle. Types without personal data read as usual.
     */
    public <S, T> T deserializeSealed(SerializedObject<S> serializedObject) {
        return read(serializedObject, (root, type) -> cryptor.seal(root, PersonalDataModel.of(type)));
    }

    /** Reads a stored object whose personal fields {@code open} turns into what the object should hold. */
    @SuppressWarnings("unchecked")
    private <S, T> T read(SerializedObject<S> serializedObject,
                          java.util.function.BiConsumer<ObjectNode, Class<?>> open) {
        Class<?> type = classForType(serializedObject.getType());
        if (UnknownSerializedType.class.equals(type) || !PersonalDataModel.of(type).hasPersonalData()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject, JsonNode.class).getData();
        if (!(tree instanceof ObjectNode root)) {
            return delegate.deserialize(serializedObject);
        }
        open.accept(root, type);
        try {
            return (T) mapper.treeToValue(root, type);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot deserialize " + type.getName(), e);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
