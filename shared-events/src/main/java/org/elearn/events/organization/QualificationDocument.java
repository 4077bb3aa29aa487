package org.elearn.events.organization;

import java.util.Objects;
import org.elearn.events.privacy.PersonalData;

/**
 * A document an administrator attached: where it is and its digest. The file itself is stored
 * elsewhere. Its address can identify the person, so it is personal data of the enclosing subject.
 *
 * @param type what kind of document
 * @param uri where the document is
 * @param sha256 hex SHA-256 of the document
 */
public record QualificationDocument(DocumentType type, @PersonalData String uri, String sha256) {

    /** Checks that every field is present. */
    public QualificationDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(sha256, "sha256");
    }
}
