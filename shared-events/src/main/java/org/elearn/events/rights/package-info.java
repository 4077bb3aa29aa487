/**
 * Data subjects' rights requests beyond erasure on demand: today the cancellation of one's own
 * account (deactivation at once, erasure after a cool-off). The events carry ids and times only.
 */
package org.elearn.events.rights;
