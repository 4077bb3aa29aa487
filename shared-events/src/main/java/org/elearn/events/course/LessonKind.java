package org.elearn.events.course;

/** What a lesson is: content to watch or read, or work to hand in or pass. */
public enum LessonKind {
    /** A video, by URI and duration. */
    VIDEO,
    /** Courseware such as an interactive package, by URI and duration. */
    COURSEWARE,
    /** Work the trainee submits. */
    ASSIGNMENT,
    /** A scored check of understanding. */
    QUIZ,
    /** A scored test with a passing score. */
    EXAM
}
