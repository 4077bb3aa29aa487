package org.elearn.query.privacy;

import static java.util.Map.entry;

import java.util.Map;
import org.elearn.events.activity.StatementRecorded;
import org.elearn.events.activity.StatementVoided;
import org.elearn.events.audit.AuditorAppointed;
import org.elearn.events.consent.ConsentDeclined;
import org.elearn.events.consent.ConsentGranted;
import org.elearn.events.consent.ConsentWithdrawn;
import org.elearn.events.course.AssessmentAttempted;
import org.elearn.events.course.AssignmentSubmitted;
import org.elearn.events.course.CertificateIssued;
import org.elearn.events.course.CourseCompleted;
import org.elearn.events.course.CourseStarted;
import org.elearn.events.course.LessonCompleted;
import org.elearn.events.course.TraineeEnrolled;
import org.elearn.events.course.TraineeUnenrolled;
import org.elearn.events.instructor.InstructorProfileUpdated;
import org.elearn.events.instructor.InstructorPublicProfileEdited;
import org.elearn.events.instructor.InstructorRegistered;
import org.elearn.events.membership.InvitationAccepted;
import org.elearn.events.membership.InvitationResent;
import org.elearn.events.membership.InvitationRevoked;
import org.elearn.events.membership.MemberDeactivated;
import org.elearn.events.membership.MemberDetailsChanged;
import org.elearn.events.membership.MemberEdited;
import org.elearn.events.membership.OwnProfileEdited;
import org.elearn.events.membership.MemberImported;
import org.elearn.events.membership.MemberInvited;
import org.elearn.events.membership.MemberReactivated;
import org.elearn.events.organization.AdministratorApproved;
import org.elearn.events.organization.AdministratorRegistered;
import org.elearn.events.organization.AdministratorRejected;
import org.elearn.events.privacy.UserErased;
import org.elearn.events.processing.AnalyticsObjectionWithdrawn;
import org.elearn.events.processing.ObjectedToAnalytics;
import org.elearn.events.processing.ProcessingRestricted;
import org.elearn.events.processing.ProcessingRestrictionLifted;
import org.elearn.events.retention.MemberErasedByRetention;
import org.elearn.events.rights.AccountCancellationCompleted;
import org.elearn.events.rights.AccountCancellationRequested;
import org.elearn.events.rights.AccountCancellationWithdrawn;

/**
 * The categories of personal data that the privacy statement lists, as the personal-data export
 * groups a subject's data. Every event type that names a data subject belongs to one category
 * ({@link #of}); a test fails for a type that has none. A few fields belong elsewhere than their
 * event ({@link #ofField}): a statement's device and client are system data.
 */
enum DataCategory {

    /** Who they are and their account: name, email, phone, role, status, invitations, approval. */
    ACCOUNT("account"),
    /** What their public profile shows. */
    PROFILE("profile"),
    /** What they published for others: the courses they author. */
    SHARED_CONTENT("sharedContent"),
    /** Their learning: enrolments, progress, answers, exam attempts, completions, certificates. */
    TEACHING_CONTENT("teachingContent"),
    /** How they used the service: activity statements, time spent, last activity. */
    USAGE("usage"),
    /** Their devices and clients. */
    SYSTEM_DATA("systemData"),
    /** Their consents, limits on processing and rights requests. */
    CONSENT("consent");

    private static final Map<Class<?>, DataCategory> BY_TYPE = Map.ofEntries(
            entry(InstructorRegistered.class, ACCOUNT),
            entry(InstructorProfileUpdated.class, ACCOUNT),
            entry(AdministratorRegistered.class, ACCOUNT),
            entry(AdministratorApproved.class, ACCOUNT),
            entry(AdministratorRejected.class, ACCOUNT),
            entry(AuditorAppointed.class, ACCOUNT),
            entry(MemberImported.class, ACCOUNT),
            entry(MemberInvited.class, ACCOUNT),
            entry(InvitationResent.class, ACCOUNT),
            entry(InvitationRevoked.class, ACCOUNT),
            entry(InvitationAccepted.class, ACCOUNT),
            entry(MemberDetailsChanged.class, ACCOUNT),
            entry(MemberEdited.class, ACCOUNT),
            entry(OwnProfileEdited.class, ACCOUNT),
            entry(MemberDeactivated.class, ACCOUNT),
            entry(MemberReactivated.class, ACCOUNT),
            entry(MemberErasedByRetention.class, ACCOUNT),
            entry(UserErased.class, ACCOUNT),
            entry(InstructorPublicProfileEdited.class, PROFILE),
            entry(TraineeEnrolled.class, TEACHING_CONTENT),
            entry(TraineeUnenrolled.class, TEACHING_CONTENT),
            entry(CourseStarted.class, TEACHING_CONTENT),
            entry(LessonCompleted.class, TEACHING_CONTENT),
            entry(AssignmentSubmitted.class, TEACHING_CONTENT),
            entry(AssessmentAttempted.class, TEACHING_CONTENT),
            entry(CourseCompleted.class, TEACHING_CONTENT),
            entry(CertificateIssued.class, TEACHING_CONTENT),
            entry(StatementRecorded.class, USAGE),
            entry(StatementVoided.class, USAGE),
            entry(ConsentGranted.class, CONSENT),
            entry(ConsentDeclined.class, CONSENT),
            entry(ConsentWithdrawn.class, CONSENT),
            entry(ProcessingRestricted.class, CONSENT),
            entry(ProcessingRestrictionLifted.class, CONSENT),
            entry(ObjectedToAnalytics.class, CONSENT),
            entry(AnalyticsObjectionWithdrawn.class, CONSENT),
            entry(AccountCancellationRequested.class, CONSENT),
            entry(AccountCancellationWithdrawn.class, CONSENT),
            entry(AccountCancellationCompleted.class, CONSENT));

    /** Personal-data fields (by field path) whose category is not their event's. */
    private static final Map<Class<?>, Map<String, DataCategory>> BY_FIELD = Map.of(
            StatementRecorded.class, Map.of("device", SYSTEM_DATA, "client", SYSTEM_DATA));

    private final String key;

    DataCategory(String key) {
        this.key = key;
    }

    /** The category's name in the export. */
    String key() {
        return key;
    }

    /** The category of an event type, or null for a type that names no data subject. */
    static DataCategory of(Class<?> eventType) {
        return BY_TYPE.get(eventType);
    }

    /** The category of one personal-data field of an event type, or null when it is its event's. */
    static DataCategory ofField(Class<?> eventType, String fieldPath) {
        return BY_FIELD.getOrDefault(eventType, Map.of()).get(fieldPath);
    }
}
