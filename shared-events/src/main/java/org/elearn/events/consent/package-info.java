/**
 * Consent per purpose (marketing email, analytics cookies, personalisation, and purposes a
 * deployment adds). Each decision names the policy version it answered and the channel it came
 * through. The events carry ids, purpose names and times only, no personal data: they stay in clear
 * as the proof of consent that the platform must be able to show.
 */
package org.elearn.events.consent;
