/**
 * Events of courses and of learning in them: course content as instructors write and publish it (no
 * personal data), and enrolment, progress, completion and certificates of trainees (ids, scores and
 * times in clear, with the trainee as data subject; assignment answers encrypted).
 */
package org.elearn.events.course;
