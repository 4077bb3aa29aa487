package org.elearn.support.privacy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.elearn.events.privacy.PersonalDataModel;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The event types of the contract ({@code org.elearn.events}), found by scanning the classpath: the
 * records there that are not merely parts of other records. Whatever must know every event type
 * (the audit stream, the personal-data export's completeness) reads them here, so a new event type
 * is seen without being listed anywhere.
 */
public final class EventContract {

    private static final String PACKAGE = "org.elearn.events";

    private static final List<Class<?>> EVENT_TYPES = scan();

    private EventContract() {
    }

    /** Every event type, by full name. */
    public static List<Class<?>> eventTypes() {
        return EVENT_TYPES;
    }

    /** The event types that name a data subject ({@code @DataSubjectId}) or carry personal data. */
    public static List<Class<?>> typesNamingASubject() {
        return EVENT_TYPES.stream().filter(type -> {
            PersonalDataModel model = PersonalDataModel.of(type);
            return model.subjectProperty().isPresent() || model.hasPersonalData();
        }).toList();
    }

    private static List<Class<?>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        List<Class<?>> records = new ArrayList<>();
        scanner.findCandidateComponents(PACKAGE).forEach(candidate -> records.add(
                ClassUtils.resolveClassName(candidate.getBeanClassName(), EventContract.class.getClassLoader())));
        Set<Class<?>> parts = new HashSet<>();
        records.forEach(type -> {
            for (RecordComponent component : type.getRecordComponents()) {
                parts.add(component.getType());
                if (component.getGenericType() instanceof ParameterizedType generic) {
                    for (Type argument : generic.getActualTypeArguments()) {
                        if (argument instanceof Class<?> element) {
                            parts.add(element);
                        }
                    }
                }
            }
        });
        return records.stream().filter(type -> !type.isMemberClass() && !parts.contains(type))
                .sorted(Comparator.comparing(Class::getName)).toList();
    }
}
