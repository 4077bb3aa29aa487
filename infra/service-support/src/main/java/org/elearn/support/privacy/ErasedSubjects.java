package org.elearn.support.privacy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of erased subjects, known to this instance: loaded at start-up and kept current by the
 * erasure notifications. Tokens of an erased subject are refused from the moment it arrives here.
 */
public class ErasedSubjects {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    public boolean contains(String subjectId) {
        return subjectId != null && ids.contains(subjectId);
    }

    public void add(String subjectId) {
        ids.add(subjectId);
    }

    void addAll(Set<String> subjectIds) {
        ids.addAll(subjectIds);
    }
}
