/**
 * Limits a data subject sets on the processing of their data: restriction (kept, not processed)
 * and objection to analytics (left out of aggregates). No personal data in these events.
 */
package org.elearn.events.processing;
