/** Events about reading the history itself: every audit read is recorded. */
package org.elearn.events.audit;
