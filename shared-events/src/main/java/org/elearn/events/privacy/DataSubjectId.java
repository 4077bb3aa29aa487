package org.elearn.events.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the field (or record component) that names whose personal data an object carries: the
 * data subject. Its value (a user id, rendered as text) selects the subject's data key.
 *
 * <p>The subject id itself is a pseudonymous identifier and stays in clear. A nested record may
 * carry its own {@code @DataSubjectId}; its {@link PersonalData} fields then belong to that subject.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface DataSubjectId {
}
