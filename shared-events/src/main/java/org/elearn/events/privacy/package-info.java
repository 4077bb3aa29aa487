/**
 * Crypto-shredding: marking personal data ({@link org.elearn.events.privacy.PersonalData},
 * {@link org.elearn.events.privacy.DataSubjectId}), per-subject data keys wrapped by a key-encryption
 * key ({@link org.elearn.events.privacy.KeyVault}, {@link org.elearn.events.privacy.KeyEncryptionKeys}),
 * and the Axon serializer that encrypts marked fields ({@link org.elearn.events.privacy.EncryptingSerializer}).
 */
package org.elearn.events.privacy;
