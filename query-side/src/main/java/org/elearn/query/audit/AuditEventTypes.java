package org.elearn.query.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.elearn.events.privacy.PersonalDataModel;
import org.elearn.query.QueryErrors;
import org.elearn.support.privacy.EventContract;
import org.springframework.stereotype.Component;

/**
 * The event types of the contract ({@link EventContract}). Lets the audit stream refuse a type it
 * does not know, accept simple names ({@code MemberImported}) as well as full ones, and find each
 * stored type's personal-data model.
 */
@Component
class AuditEventTypes {

    private final Map<String, Class<?>> byName = new TreeMap<>();
    private final Map<String, PersonalDataModel> models = new ConcurrentHashMap<>();

    AuditEventTypes() {
        EventContract.eventTypes().forEach(type -> {
            byName.put(type.getName(), type);
            byName.putIfAbsent(type.getSimpleName(), type);
        });
    }

    /** Full type names for a comma-separated list of simple or full names; 400 naming any unknown. */
    List<String> resolve(String names) {
        Set<String> resolved = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names.split(",", -1)) {
            Class<?> type = byName.get(name.trim());
            if (type == null) {
                unknown.add(name.trim());
            } else {
                resolved.add(type.getName());
            }
        }
        if (!unknown.isEmpty()) {
            throw QueryErrors.UNKNOWN_EVENT_TYPE.refusal("Unknown event types: " + String.join(", ", unknown.stream()
                            .map(name -> name.length() > 100 ? name.substring(0, 100) + "…" : name).limit(10).toList())
                            + ". GET /api/audit/event-types lists them.", Map.of("field", "types"));
        }
        return List.copyOf(resolved);
    }

    /** Every full type name, sorted. */
    List<String> names() {
        return byName.values().stream().map(Class::getName).distinct().sorted().toList();
    }

    /**
     * Where a stored type keeps personal data; null for a type outside the contract, whose
     * payload the audit stream then withholds (it cannot tell what in it is personal).
     */
    PersonalDataModel model(String storedType) {
        Class<?> type = byName.get(storedType);
        return type == null ? null : models.computeIfAbsent(storedType, name -> PersonalDataModel.of(type));
    }
}
