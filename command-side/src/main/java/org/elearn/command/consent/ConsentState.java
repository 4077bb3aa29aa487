package org.elearn.command.consent;

/** Where a user stands on one purpose. A purpose never decided has no state (NOT_ASKED in answers). */
enum ConsentState { GRANTED, WITHDRAWN, DECLINED }
