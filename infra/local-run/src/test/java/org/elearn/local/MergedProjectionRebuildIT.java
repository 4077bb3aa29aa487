package org.elearn.local;

import org.elearn.testsupport.TestDatabases;

/**
 * {@link ProjectionRebuildIT} with the query side's projections in the merged processor layout: the
 * learning report keeps a processor of its own, which the rebuild's swap takes over.
 */
class MergedProjectionRebuildIT extends ProjectionRebuildIT {

    @Override
    LocalApi start(TestDatabases.TestDatabase database) {
        return LocalApi.withSettings(database, "target/rebuild-secrets", MergedProcessorsIT.MERGED);
    }
}
