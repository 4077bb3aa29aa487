package org.elearn.query.rebuild;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection that can be rebuilt from the history while its live copy keeps serving. Its live
 * processor is named {@link #name()} and writes {@link #tables()}; the shadow projection writes
 * the same tables under the name {@code <table>_shadow}, which the rebuild creates empty and swaps in.
 */
public interface RebuildableProjection {

    /** The live processing group, which is also the name operators use. */
    String name();

    /** The live tables, in the order they are locked at the swap. */
    List<String> tables();

    /** A new event handler writing into the shadow tables; never a Spring bean (it would join the live group). */
    Object shadowProjection();

    /** Runs in the swap's transaction, with every table locked, just before the shadow tables go live. */
    default void beforeSwap(JdbcTemplate transaction) {
    }
}
