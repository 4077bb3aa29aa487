package org.elearn.events.privacy;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an event record's components by name (its subject id, its organization id) without a
 * reflective lookup per event: the accessors of each record type are found once and kept.
 */
public final class RecordComponents {

    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> accessors = new HashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    accessors.put(component.getName(), component.getAccessor());
                }
            }
            return Map.copyOf(accessors);
        }
    };

    private RecordComponents() {
    }

    /** The accessor of the type's component of that name, or null (no such component, or not a record). */
    public static Method accessor(Class<?> type, String name) {
        return ACCESSORS.get(type).get(name);
    }

    /** The value of the record's component of that name, or null when it has none. */
    public static Object value(Object record, String name) {
        Method accessor = accessor(record.getClass(), name);
        try {
            return accessor == null ? null : accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + name + " of " + record.getClass().getName(), e);
        }
    }
}
