package org.elearn.command.course;

import java.util.Map;
import java.util.Optional;

/**
 * The documented mapping from xAPI verbs to progress (docs/xapi.md). Any other verb is kept with
 * its statement and changes no progress.
 *
 * <table>
 *   <tr><th>verb</th><th>on the course</th><th>on a lesson</th></tr>
 *   <tr><td>attempted, initialized, launched</td><td>starts it</td><td>starts the course</td></tr>
 *   <tr><td>completed</td><td>starts it (completion is derived)</td>
 *       <td>video/courseware: lesson completed; assignment: submitted with {@code result.response};
 *           quiz/exam with a score: an attempt</td></tr>
 *   <tr><td>passed, failed</td><td>starts it</td><td>quiz/exam: an attempt</td></tr>
 * </table>
 */
final class VerbMapping {

    private static final String ADL = "http://adlnet.gov/expapi/verbs/";
    private static final Map<String, RecordProgress.Step> STEPS = Map.of(
            ADL + "attempted", RecordProgress.Step.STARTED,
            ADL + "initialized", RecordProgress.Step.STARTED,
            ADL + "launched", RecordProgress.Step.STARTED,
            ADL + "completed", RecordProgress.Step.COMPLETED,
            ADL + "passed", RecordProgress.Step.PASSED,
            ADL + "failed", RecordProgress.Step.FAILED);

    private VerbMapping() {
    }

    static Optional<RecordProgress.Step> step(String verbId) {
        return Optional.ofNullable(STEPS.get(verbId));
    }
}
