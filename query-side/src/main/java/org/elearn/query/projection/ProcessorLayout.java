package org.elearn.query.projection;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code learning.query.*}: how the query side's projections are spread over streaming processors
 * ({@link ProcessorTopology}).
 *
 * @param processors {@code merged} (the default): the projections that need no processor of their
 *                   own share two (one reading sealed events, one decrypting), so each event is read
 *                   fewer times; {@code separate}: one processor per projection, each reading the
 *                   whole event stream
 */
@Validated
@ConfigurationProperties("learning.query")
public record ProcessorLayout(@DefaultValue("merged") @NotNull Processors processors) {

    static final String PROPERTY = "learning.query.processors";

    /** The two layouts. */
    public enum Processors {
        SEPARATE, MERGED;

        /** The other layout: the one a database may have been written with before a switch. */
        Processors other() {
            return this == SEPARATE ? MERGED : SEPARATE;
        }
    }

    /** The layout as configured, read before the configuration properties beans exist (bean post-processors). */
    static Processors bind(Binder binder) {
        return binder.bind(PROPERTY, Processors.class).orElse(Processors.MERGED);
    }
}
