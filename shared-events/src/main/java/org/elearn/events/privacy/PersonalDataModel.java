package org.elearn.events.privacy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a type keeps personal data: its {@link DataSubjectId} property and its {@link PersonalData}
 * properties, including those of nested records and of records inside collections. Built once per
 * type by reflection; property names are the JSON names Jackson uses by default.
 */
public final class PersonalDataModel {

    private static final ClassValue<PersonalDataModel> MODELS = new ClassValue<>() {
        @Override
        protected PersonalDataModel computeValue(Class<?> type) {
            return build(type, new HashSet<>());
        }
    };

    private static final PersonalDataModel EMPTY = new PersonalDataModel(null, List.of());

    private final String subjectProperty;
    private final List<Property> properties;

    /** Asked for every event a processor reads, so worked out once. */
    private final boolean personalData;

    private PersonalDataModel(String subjectProperty, List<Property> properties) {
        this.subjectProperty = subjectProperty;
        this.properties = List.copyOf(properties);
        this.personalData = this.properties.stream()
                .anyMatch(p -> p.personal() || (p.nested() != null && p.nested().hasPersonalData()));
    }

    /** One property that is personal data, or that leads to some. */
    public record Property(String name, boolean personal, boolean text, String replacement, String subjectPath,
                           PersonalDataModel nested, boolean collection) {
    }

    public static PersonalDataModel of(Class<?> type) {
        return MODELS.get(type);
    }

    /** True when the type has neither a subject id nor personal data anywhere inside it. */
    public boolean isEmpty() {
        return subjectProperty == null && properties.isEmpty();
    }

    /** True when some property (here or nested) is personal data. */
    public boolean hasPersonalData() {
        return personalData;
    }

    /** JSON name of this type's own {@link DataSubjectId} property, if it has one. */
    public Optional<String> subjectProperty() {
        return Optional.ofNullable(subjectProperty);
    }

    public List<Property> properties() {
        return properties;
    }

    private static PersonalDataModel build(Class<?> type, Set<Class<?>> building) {
        if (!isInspectable(type) || !building.add(type)) {
            return EMPTY;
        }
        String subject = null;
        List<Property> properties = new ArrayList<>();
        for (Member member : members(type)) {
            if (member.subjectId()) {
                subject = member.name();
            }
            PersonalData personal = member.personalData();
            if (personal != null) {
                boolean text = CharSequence.class.isAssignableFrom(member.type());
                properties.add(new Property(member.name(), true, text, personal.replacement(), personal.subject(),
                        null, false));
                continue;
            }
            boolean collection = Collection.class.isAssignableFrom(member.type());
            Class<?> target = collection ? elementType(member.genericType()) : member.type();
            if (target != null && isInspectable(target)) {
                PersonalDataModel nested = build(target, building);
                if (!nested.isEmpty()) {
                    properties.add(new Property(member.name(), false, false, null, "", nested, collection));
                }
            }
        }
        building.remove(type);
        return subject == null && properties.isEmpty() ? EMPTY : new PersonalDataModel(subject, properties);
    }

    private record Member(String name, Class<?> type, Type genericType, boolean subjectId, PersonalData personalData) {
    }

    private static List<Member> members(Class<?> type) {
        List<Member> members = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                members.add(new Member(c.getName(), c.getType(), c.getGenericType(),
                        c.isAnnotationPresent(DataSubjectId.class), c.getAnnotation(PersonalData.class)));
            }
            return members;
        }
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            for (Field f : t.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                    continue;
                }
                members.add(new Member(f.getName(), f.getType(), f.getGenericType(),
                        f.isAnnotationPresent(DataSubjectId.class), f.getAnnotation(PersonalData.class)));
            }
        }
        return members;
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }

    /** Only the project's own types are walked; JDK and library types never hold annotations. */
    private static boolean isInspectable(Class<?> type) {
        return !type.isPrimitive() && !type.isArray() && !type.isEnum() && !type.isInterface()
                && type.getPackageName().startsWith("org.elearn");
    }
}
