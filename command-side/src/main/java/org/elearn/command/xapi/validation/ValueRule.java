package org.elearn.command.xapi.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.elearn.command.CommandErrors;

/**
 * What one property's value must be: a kind from xAPI 1.0.3's Data part (IRI, IRL, UUID, language
 * map, timestamp, duration, an enumeration in its exact case, a nested type, an array of one...).
 * Throws the statement's refusal, naming the path, when the value is not of its kind.
 */
@FunctionalInterface
interface ValueRule {

    void check(JsonNode value, Path at, int statement);

    static String text(JsonNode value, Path at, int statement) {
        if (!value.isTextual()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be a string");
        }
        return value.textValue();
    }

    ValueRule STRING = ValueRule::text;

    static ValueRule string(int maxLength) {
        return (value, at, statement) -> {
            if (text(value, at, statement).length() > maxLength) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                        "is longer than " + maxLength + " characters");
            }
        };
    }

    ValueRule IRI = (value, at, statement) -> {
        if (!XapiValues.iri(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_IRI, statement, at,
                    "must be an absolute IRI of at most " + XapiValues.MAX_IRI + " characters");
        }
    };

    /** An IRL is an IRI meant to be looked up; its form is an IRI's. */
    ValueRule IRL = IRI;

    ValueRule UUID = (value, at, statement) -> {
        if (!XapiValues.uuid(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_UUID, statement, at, "must be a UUID");
        }
    };

    ValueRule MBOX = (value, at, statement) -> {
        if (!XapiValues.mbox(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_IRI, statement, at,
                    "must be a mailto: IRI of at most " + XapiValues.MAX_MBOX + " characters");
        }
    };

    ValueRule SHA1 = (value, at, statement) -> {
        if (!XapiValues.sha1(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be 40 hex digits");
        }
    };

    ValueRule SHA2 = (value, at, statement) -> {
        if (!XapiValues.sha2(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must be a SHA-2 hash in hex (56, 64, 96 or 128 digits)");
        }
    };

    ValueRule VERSION = (value, at, statement) -> {
        if (!XapiValues.version(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be 1.0 or 1.0.x");
        }
    };

    ValueRule TIMESTAMP = (value, at, statement) -> {
        Instant instant = XapiValues.timestamp(text(value, at, statement));
        if (instant == null) {
            throw StatementRefusal.at(CommandErrors.INVALID_TIMESTAMP, statement, at,
                    "must be an ISO 8601 date and time (offset -00:00 is not allowed)");
        }
        if (!XapiValues.plausible(instant)) {
            throw StatementRefusal.at(CommandErrors.INVALID_TIMESTAMP, statement, at,
                    "must lie between 1900 and one day from now");
        }
    };

    ValueRule DURATION = (value, at, statement) -> {
        long millis = XapiValues.durationMillis(text(value, at, statement));
        if (millis < 0) {
            throw StatementRefusal.at(CommandErrors.INVALID_DURATION, statement, at,
                    "must be an ISO 8601 duration such as PT1H30M");
        }
        if (millis > XapiValues.MAX_DURATION_MILLIS) {
            throw StatementRefusal.at(CommandErrors.INVALID_DURATION, statement, at, "is longer than 10,000 hours");
        }
    };

    ValueRule BOOLEAN = (value, at, statement) -> {
        if (!value.isBoolean()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be true or false");
        }
    };

    ValueRule NUMBER = (value, at, statement) -> {
        if (!value.isNumber()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be a number");
        }
    };

    static ValueRule number(double min, double max) {
        return (value, at, statement) -> {
            NUMBER.check(value, at, statement);
            double number = value.doubleValue();
            if (number < min || number > max) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                        "must be between " + (int) min + " and " + (int) max);
            }
        };
    }

    ValueRule NON_NEGATIVE_INTEGER = (value, at, statement) -> {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must be a whole number of at least 0");
        }
    };

    ValueRule LANGUAGE_TAG = (value, at, statement) -> {
        if (!XapiValues.languageTag(text(value, at, statement))) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must be an RFC 5646 language tag");
        }
    };

    /** At least one entry; RFC 5646 tags to strings. */
    ValueRule LANGUAGE_MAP = (value, at, statement) -> {
        if (!value.isObject()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must be a language map (a JSON object of language tags to strings)");
        }
        if (value.isEmpty()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must have at least one language");
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Path where = at.child(entry.getKey());
            if (!XapiValues.languageTag(entry.getKey())) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, where,
                        "is not an RFC 5646 language tag");
            }
            text(entry.getValue(), where, statement);
        }
    };

    /** Keys are IRIs; values are anything, null included. */
    ValueRule EXTENSIONS = (value, at, statement) -> {
        if (!value.isObject()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must be a JSON object of IRIs to values");
        }
        for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!XapiValues.iri(key)) {
                throw StatementRefusal.at(CommandErrors.INVALID_IRI, statement, at.child(key),
                        "is not an absolute IRI of at most " + XapiValues.MAX_IRI + " characters");
            }
        }
    };

    /** One of the given strings, in exactly that case. */
    static ValueRule oneOf(String... allowed) {
        Set<String> values = Set.of(allowed);
        String expected = String.join(", ", allowed);
        return (value, at, statement) -> {
            if (!values.contains(text(value, at, statement))) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                        "must be one of " + expected + " (case matters)");
            }
        };
    }

    static ValueRule object(ObjectType type) {
        return type::validate;
    }

    static ValueRule arrayOf(ValueRule element) {
        return (value, at, statement) -> {
            if (!value.isArray()) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be an array");
            }
            for (int i = 0; i < value.size(); i++) {
                element.check(value.get(i), at.at(i), statement);
            }
        };
    }

    /** An array of objects whose {@code id}s are all different (interaction components). */
    static ValueRule distinctIds(ObjectType type) {
        ValueRule array = arrayOf(object(type));
        return (value, at, statement) -> {
            array.check(value, at, statement);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                if (!ids.add(value.get(i).get("id").textValue())) {
                    throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.at(i).child("id"),
                            "repeats the id of an earlier component");
                }
            }
        };
    }

    /** One object of the type, or an array of them. */
    static ValueRule oneOrMany(ObjectType type) {
        ValueRule array = arrayOf(object(type));
        return (value, at, statement) -> {
            if (value.isArray()) {
                array.check(value, at, statement);
            } else {
                type.validate(value, at, statement);
            }
        };
    }

    /** The type its {@code objectType} names, {@code fallback} when it names none. */
    static ValueRule byObjectType(String fallback, ObjectType... types) {
        Map<String, ObjectType> byName = new LinkedHashMap<>();
        for (ObjectType type : types) {
            byName.put(type.objectType, type);
        }
        String expected = String.join(", ", byName.keySet());
        return (value, at, statement) -> {
            if (!value.isObject()) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at, "must be a JSON object");
            }
            JsonNode named = value.get("objectType");
            ObjectType type = named == null ? byName.get(fallback)
                    : named.isTextual() ? byName.get(named.textValue()) : null;
            if (type == null) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at.child("objectType"),
                        "must be one of " + expected + " (case matters)");
            }
            type.validate(value, at, statement);
        };
    }
}
