package org.elearn.command.consent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.elearn.command.CommandErrors;
import org.springframework.stereotype.Component;

/** The purposes a user can consent to: the standard three and those the deployment configures. */
@Component
class ConsentPurposes {

    static final String MARKETING_EMAIL = "MARKETING_EMAIL";
    static final String ANALYTICS_COOKIES = "ANALYTICS_COOKIES";
    static final String PERSONALISATION = "PERSONALISATION";
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final Set<String> known = new LinkedHashSet<>(List.of(MARKETING_EMAIL, ANALYTICS_COOKIES, PERSONALISATION));

    ConsentPurposes(ConsentProperties properties) {
        for (String extra : properties.extraPurposes()) {
            if (!NAME.matcher(extra).matches()) {
                throw new IllegalStateException("learning.consent.extra-purposes: a purpose is named in capitals, "
                        + "digits and underscores, at most 64 characters");
            }
            known.add(extra);
        }
    }

    Set<String> all() {
        return known;
    }

    /** The purpose, or a 404 naming the known ones. */
    String require(String purpose) {
        if (!known.contains(purpose)) {
            throw CommandErrors.UNKNOWN_PURPOSE.refusal("No consent purpose with this name.",
                    Map.of("purposes", List.copyOf(known)));
        }
        return purpose;
    }
}
