/** Events of courses: their content, as instructors write and publish it. No personal data. */
package org.elearn.events.course;
