package org.elearn.support.axon;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The event handlers of this class read no {@code @PersonalData} field. When every handler class
 * of a processing group says so, its processor reads its events from {@link SealedEvents}: personal
 * fields read as their replacement values and nothing is decrypted ({@link ProcessorDefaults}).
 * A handler that needs a personal field of some events all the same opens those with
 * {@link SealedEvents#open}, in the method that reads the field ({@code ArchitectureTest} checks
 * that no other method of such a class calls a personal field's accessor).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadsNoPersonalData {
}
