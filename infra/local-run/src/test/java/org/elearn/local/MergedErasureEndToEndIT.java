package org.elearn.local;

/** {@link ErasureEndToEndIT} with the query side's projections in the merged processor layout. */
class MergedErasureEndToEndIT extends ErasureEndToEndIT {

    MergedErasureEndToEndIT() {
        common.putAll(MergedProcessorsIT.MERGED);
    }
}
