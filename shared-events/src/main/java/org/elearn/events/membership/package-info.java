/** Events of organization members. */
package org.elearn.events.membership;
