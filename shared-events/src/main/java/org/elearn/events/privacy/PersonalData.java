package org.elearn.events.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field holding a data subject's personal data. The encrypting serializer stores its value
 * encrypted under that subject's data key; once the key is destroyed (erasure), the field reads as
 * {@link #replacement()} if it is text, and as {@code null} otherwise.
 *
 * <p>Works on fields of nested records and on collections: a marked collection is encrypted as one
 * value; a collection of records is walked element by element.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface PersonalData {

    /** The value a text field reads as after its subject was erased. */
    String replacement() default "[erased]";

    /**
     * The subject this field belongs to, as a dotted path from the top-level object to a field
     * holding that subject's id, e.g. {@code "recipientId"}. Empty means the nearest enclosing
     * {@link DataSubjectId}. Needed only when one object carries several subjects' data.
     */
    String subject() default "";
}
