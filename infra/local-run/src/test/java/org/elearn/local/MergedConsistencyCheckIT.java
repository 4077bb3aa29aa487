package org.elearn.local;

import org.elearn.testsupport.TestDatabases;

/**
 * {@link ConsistencyCheckIT} with the query side's projections in the merged processor layout: the
 * check reads whether learning-activity has caught up from the tokens of {@code sealed-projections},
 * the processor hosting it.
 */
class MergedConsistencyCheckIT extends ConsistencyCheckIT {

    @Override
    LocalApi start(TestDatabases.TestDatabase database) {
        return LocalApi.withSettings(database, "target/consistency-secrets", MergedProcessorsIT.MERGED);
    }
}
