package org.elearn.local;

import java.util.Map;
import org.elearn.testsupport.TestDatabases;

/**
 * {@link PoisonEventIT} with the query side's projections in the merged processor layout: the courses
 * group is hosted by the {@code projections} processor, run on one segment here, and its poison event
 * is parked in the courses group's queue while every other group of that processor moves on.
 */
class MergedPoisonEventIT extends PoisonEventIT {

    @Override
    LocalApi services() {
        return new LocalApi(TestDatabases.create(), "target/poison-secrets", Map.of(
                "learning.query.processors", "merged",
                "axon.eventhandling.processors.projections.initial-segment-count", 1,
                "learning.processors.failing-window", "5s"));
    }
}
