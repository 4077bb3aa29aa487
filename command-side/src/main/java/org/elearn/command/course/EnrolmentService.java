package org.elearn.command.course;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.elearn.events.course.EnrolmentSource;
import org.elearn.command.CommandErrors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enrolment in published courses: administrators assign a course to members or whole departments;
 * trainees subscribe and unsubscribe themselves. Enrolling someone already enrolled changes nothing.
 * Blocking: call it off the event loop.
 */
@Service
record EnrolmentService(JdbcTemplate jdbc, CommandGateway commands, TransactionTemplate tx) {

    record Assigned(int enrolled, int alreadyEnrolled) {
    }

    Assigned assign(UUID organizationId, UUID courseId, List<UUID> memberIds, List<String> departments) {
        requirePublished(organizationId, courseId);
        Set<UUID> trainees = new LinkedHashSet<>();
        if (!memberIds.isEmpty()) {
            List<UUID> known = jdbc.queryForList(
                    "SELECT member_id FROM member_directory WHERE organization_id = ? AND member_id = ANY (?)",
                    UUID.class, organizationId, memberIds.toArray(new UUID[0]));
            if (known.size() != new LinkedHashSet<>(memberIds).size()) {
                throw CommandErrors.UNKNOWN_MEMBER.refusal("Every member id must be a member of this organization.");
            }
            trainees.addAll(known);
        }
        if (!departments.isEmpty()) {
            trainees.addAll(jdbc.queryForList(
                    "SELECT member_id FROM member_directory WHERE organization_id = ? AND department = ANY (?)",
                    UUID.class, organizationId, departments.toArray(new String[0])));
        }
        List<Boolean> results = new ArrayList<>();
        tx.executeWithoutResult(status -> trainees.forEach(trainee -> results.add(Boolean.TRUE.equals(
                commands.sendAndWait(new Enrol(Enrolment.idOf(trainee, courseId), trainee, courseId, organizationId,
                        EnrolmentSource.ASSIGNED))))));
        int enrolled = (int) results.stream().filter(Boolean::booleanValue).count();
        return new Assigned(enrolled, results.size() - enrolled);
    }

    void subscribe(UUID organizationId, UUID courseId, UUID traineeId) {
        requirePublished(organizationId, courseId);
        commands.sendAndWait(new Enrol(Enrolment.idOf(traineeId, courseId), traineeId, courseId, organizationId,
                EnrolmentSource.SUBSCRIBED));
    }

    void unsubscribe(UUID organizationId, UUID courseId, UUID traineeId) {
        requireCourse(organizationId, courseId);
        try {
            commands.sendAndWait(new Unenrol(Enrolment.idOf(traineeId, courseId)));
        } catch (org.axonframework.modelling.command.AggregateNotFoundException e) {
            throw CommandErrors.NOT_ENROLLED.refusal("You are not enrolled in this course.");
        }
    }

    private void requirePublished(UUID organizationId, UUID courseId) {
        if (!"PUBLISHED".equals(requireCourse(organizationId, courseId))) {
            throw CommandErrors.COURSE_NOT_PUBLISHED.refusal("Only a published course takes trainees.");
        }
    }

    private String requireCourse(UUID organizationId, UUID courseId) {
        List<String> status = jdbc.queryForList(
                "SELECT status FROM course_directory WHERE course_id = ? AND organization_id = ?", String.class,
                courseId, organizationId);
        if (status.isEmpty()) {
            throw CommandErrors.COURSE_NOT_FOUND.refusal("No course with this id.");
        }
        return status.get(0);
    }
}
