package org.elearn.events.consent;

/** Where a consent decision came from. */
public enum ConsentChannel {
    /** The web client's settings page. */
    WEB,
    /** A link in an email, such as the one-click unsubscribe link. */
    EMAIL,
    /** An API client acting for the user. */
    API,
    /** The web client's cookie banner. */
    COOKIE_BANNER
}
