/** Events of organizations and their administrators. */
package org.elearn.events.organization;
