/** Retention policies and the erasures they cause. No personal data in these events. */
package org.elearn.events.retention;
