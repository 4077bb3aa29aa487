/** Events of the instructor feature. */
package org.elearn.events.instructor;
