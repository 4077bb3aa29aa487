package org.elearn.command.course;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.elearn.events.course.Lesson;
import org.elearn.events.course.LessonKind;
import org.elearn.events.course.Section;
import org.elearn.support.security.Caller;
import org.elearn.tenancy.Roles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Courses, written by the organization's instructors. */
@RestController
class CourseController {

    private final CourseService courses;

    CourseController(CourseService courses) {
        this.courses = courses;
    }

    record LessonRequest(UUID lessonId, @NotBlank @Size(max = 200) String title, @NotNull LessonKind kind,
                         @Pattern(regexp = "^https://\\S{1,2040}$", message = "must be an https URL") String contentUri,
                         @Min(1) @Max(1440) Integer durationMinutes, @Min(0) @Max(100) Integer passingScore,
                         Boolean required) {
    }

    record SectionRequest(@NotBlank @Size(max = 200) String title,
                          @NotNull @Size(max = 100) List<@Valid @NotNull LessonRequest> lessons) {
    }

    record CourseRequest(@NotBlank @Size(max = 200) String title, @Size(max = 5000) String description,
                         @NotBlank @Pattern(regexp = "^[a-z]{2,3}(-[A-Z]{2})?$", message = "must be a language tag")
                         String language,
                         @NotNull @Size(max = 50) List<@Valid @NotNull SectionRequest> sections) {

        CourseService.Content content() {
            return new CourseService.Content(title.strip(), description, language, sections.stream()
                    .map(s -> new Section(s.title().strip(), s.lessons().stream()
                            .map(l -> new Lesson(l.lessonId() == null ? UUID.randomUUID() : l.lessonId(),
                                    l.title().strip(), l.kind(), l.contentUri(), l.durationMinutes(),
                                    l.passingScore(), l.required() == null || l.required()))
                            .toList()))
                    .toList());
        }
    }

    @PostMapping(path = "/api/organizations/{organizationId}/courses", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, UUID>>> create(@PathVariable UUID organizationId,
                                                   @Valid @RequestBody CourseRequest request,
                                                   @AuthenticationPrincipal Jwt caller) {
        UUID instructor = Caller.requireRoleIn(organizationId, Roles.INSTRUCTOR, caller);
        return Mono.fromCallable(() -> courses.create(organizationId, instructor, request.content()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(id -> ResponseEntity.created(URI.create("/api/organizations/" + organizationId + "/courses/" + id))
                        .body(Map.of("courseId", id)));
    }

    @PutMapping(path = "/api/organizations/{organizationId}/courses/{courseId}",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> revise(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                      @Valid @RequestBody CourseRequest request, @AuthenticationPrincipal Jwt caller) {
        UUID instructor = Caller.requireRoleIn(organizationId, Roles.INSTRUCTOR, caller);
        return done(() -> courses.revise(organizationId, courseId, instructor, request.content()));
    }

    @PostMapping(path = "/api/organizations/{organizationId}/courses/{courseId}/publication")
    Mono<ResponseEntity<Void>> publish(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                       @AuthenticationPrincipal Jwt caller) {
        UUID instructor = Caller.requireRoleIn(organizationId, Roles.INSTRUCTOR, caller);
        return done(() -> courses.publish(organizationId, courseId, instructor));
    }

    @PostMapping(path = "/api/organizations/{organizationId}/courses/{courseId}/archival")
    Mono<ResponseEntity<Void>> archive(@PathVariable UUID organizationId, @PathVariable UUID courseId,
                                       @AuthenticationPrincipal Jwt caller) {
        UUID instructor = Caller.requireRoleIn(organizationId, Roles.INSTRUCTOR, caller);
        return done(() -> courses.archive(organizationId, courseId, instructor));
    }


    private static Mono<ResponseEntity<Void>> done(Runnable change) {
        return Mono.fromRunnable(change).subscribeOn(Schedulers.boundedElastic())
                .then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }
}
