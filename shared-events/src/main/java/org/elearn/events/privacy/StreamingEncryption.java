package org.elearn.events.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Encrypts {@link PersonalData} properties while Jackson writes the object, in one pass (no
 * intermediate tree on the append path). Field paths and subjects follow the same rules as the
 * reading side's tree walk in {@link PersonalDataCryptor}; the serializer tests hold the two together.
 */
final class StreamingEncryption {

    /** Where the writer is inside the object being serialized. */
    private record Frame(Object root, String path, String subject) {
    }

    private static final ThreadLocal<Deque<Frame>> FRAMES = ThreadLocal.withInitial(ArrayDeque::new);

    private final KeyVault vault;
    private final ObjectMapper plainMapper;
    private final ObjectMapper encryptingMapper;

    StreamingEncryption(KeyVault vault, ObjectMapper mapper) {
        this.vault = vault;
        this.plainMapper = mapper;
        SimpleModule module = new SimpleModule("personal-data-encryption");
        module.setSerializerModifier(new Modifier());
        this.encryptingMapper = mapper.copy().registerModule(module);
    }

    byte[] serialize(Object root) throws Exception {
        Deque<Frame> frames = FRAMES.get();
        frames.push(new Frame(root, "", null));
        try {
            return encryptingMapper.writeValueAsBytes(root);
        } finally {
            frames.pop();
        }
    }

    private final class Modifier extends BeanSerializerModifier {
        @Override
        public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                         List<BeanPropertyWriter> writers) {
            PersonalDataModel model = PersonalDataModel.of(description.getBeanClass());
            if (model.isEmpty()) {
                return writers;
            }
            BeanPropertyWriter subjectWriter = model.subjectProperty()
                    .flatMap(name -> writers.stream().filter(w -> w.getName().equals(name)).findFirst())
                    .orElse(null);
            boolean ownSubject = model.subjectProperty().isPresent();
            for (int i = 0; i < writers.size(); i++) {
                BeanPropertyWriter writer = writers.get(i);
                Optional<PersonalDataModel.Property> property = model.properties().stream()
                        .filter(p -> p.name().equals(writer.getName())).findFirst();
                if (property.isEmpty()) {
                    continue;
                }
                writers.set(i, property.get().personal()
                        ? new EncryptingWriter(writer, property.get(), subjectWriter, ownSubject)
                        : new NestingWriter(writer, property.get(), subjectWriter, ownSubject));
            }
            return writers;
        }
    }

    /** A writer for one property of a bean that knows where that bean's data subject id is. */
    private abstract static class SubjectAwareWriter extends BeanPropertyWriter {
        final PersonalDataModel.Property property;
        private final transient BeanPropertyWriter subjectWriter;
        private final boolean ownSubject;

        SubjectAwareWriter(BeanPropertyWriter base, PersonalDataModel.Property property,
                           BeanPropertyWriter subjectWriter, boolean ownSubject) {
            super(base);
            this.property = property;
            this.subjectWriter = subjectWriter;
            this.ownSubject = ownSubject;
        }

        /** The subject of the bean being written: its own {@link DataSubjectId}, else the enclosing one. */
        String subjectOf(Object bean, Frame frame) throws Exception {
            if (!ownSubject) {
                return frame.subject();
            }
            Object id = subjectWriter == null ? null : subjectWriter.get(bean);
            return id == null ? null : id.toString();
        }
    }

    private static String childPath(Frame frame, String name) {
        return frame.path().isEmpty() ? name : frame.path() + "." + name;
    }

    /** Enters a nested record (or a collection of them), tracking the path and the subject. */
    private static final class NestingWriter extends SubjectAwareWriter {

        NestingWriter(BeanPropertyWriter base, PersonalDataModel.Property property, BeanPropertyWriter subjectWriter,
                      boolean ownSubject) {
            super(base, property, subjectWriter, ownSubject);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Deque<Frame> frames = FRAMES.get();
            Frame frame = frames.peek();
            String path = childPath(frame, property.name()) + (property.collection() ? "[]" : "");
            frames.push(new Frame(frame.root(), path, subjectOf(bean, frame)));
            try {
                super.serializeAsField(bean, gen, provider);
            } finally {
                frames.pop();
            }
        }
    }

    /** Writes a personal-data property as its ciphertext envelope. */
    private final class EncryptingWriter extends SubjectAwareWriter {

        EncryptingWriter(BeanPropertyWriter base, PersonalDataModel.Property property,
                         BeanPropertyWriter subjectWriter, boolean ownSubject) {
            super(base, property, subjectWriter, ownSubject);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value == null) {
                super.serializeAsField(bean, gen, provider);
                return;
            }
            Frame frame = FRAMES.get().peek();
            String path = childPath(frame, property.name());
            String subject = property.subjectPath().isEmpty()
                    ? subjectOf(bean, frame)
                    : Paths.read(frame.root(), property.subjectPath());
            if (subject == null) {
                throw new IllegalStateException("personal data at " + path + " names no data subject");
            }
            byte[] plaintext = value instanceof String text
                    ? PersonalDataCryptor.jsonString(text) : plainMapper.writeValueAsBytes(value);
            SecretKey key = vault.keyForWriting(subject);
            byte[] sealed = Aes.encrypt(key, plaintext, PersonalDataCryptor.associatedData(subject, path));
            gen.writeFieldName(getName());
            gen.writeString(PersonalDataCryptor.PREFIX + Base64.getEncoder().encodeToString(sealed));
        }
    }

    /** Reads a dotted path of record components from the root object, for explicit subjects. */
    private static final class Paths {
        private static final Map<String, RecordComponent> COMPONENTS = new ConcurrentHashMap<>();

        static String read(Object root, String dottedPath) throws Exception {
            Object current = root;
            for (String name : dottedPath.split("\\.")) {
                if (current == null || !current.getClass().isRecord()) {
                    return null;
                }
                Class<?> type = current.getClass();
                RecordComponent component = COMPONENTS.computeIfAbsent(type.getName() + "#" + name, k -> {
                    for (RecordComponent c : type.getRecordComponents()) {
                        if (c.getName().equals(name)) {
                            return c;
                        }
                    }
                    throw new IllegalStateException("no property " + name + " on " + type.getName());
                });
                current = component.getAccessor().invoke(current);
            }
            return current == null ? null : current.toString();
        }
    }
}
