package org.elearn.command.xapi.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.elearn.command.CommandErrors;

/**
 * One xAPI object type as a table: its properties (name, required or not, what the value must be)
 * and the few rules that span properties. An object is valid when every required property is there,
 * every property it has is in the table with a valid, non-null value, and every cross rule holds.
 */
final class ObjectType {

    /** A rule over the whole object, run once its properties passed. */
    @FunctionalInterface
    interface CrossRule {
        void check(JsonNode node, Path at, int statement);
    }

    record Property(String name, boolean required, ValueRule rule) {
    }

    /** Its {@code objectType} value, also what it is called in messages ("an Agent"). */
    final String objectType;
    private final String article;
    private final Map<String, Property> properties;
    private final Property[] required;
    private final CrossRule[] rules;

    private ObjectType(String objectType, String article, Map<String, Property> properties, Property[] required,
                       CrossRule[] rules) {
        this.objectType = objectType;
        this.article = article;
        this.properties = properties;
        this.required = required;
        this.rules = rules;
    }

    static Builder named(String objectType, String article) {
        return new Builder(objectType, article);
    }

    /** Whether this type's table has the property. */
    boolean has(String property) {
        return properties.containsKey(property);
    }

    void validate(JsonNode node, Path at, int statement) {
        if (!node.isObject()) {
            throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, at,
                    "must be " + article + " (a JSON object)");
        }
        for (Property property : required) {
            JsonNode value = node.get(property.name());
            if (value == null || value.isNull()) {
                throw StatementRefusal.at(CommandErrors.MISSING_FIELD, statement, at.child(property.name()),
                        "is missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Property property = properties.get(field.getKey());
            Path where = at.child(field.getKey());
            if (property == null) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, where,
                        "is not a property of " + article);
            }
            if (field.getValue().isNull()) {
                throw StatementRefusal.at(CommandErrors.INVALID_STATEMENT, statement, where, "must not be null");
            }
            property.rule().check(field.getValue(), where, statement);
        }
        for (CrossRule rule : rules) {
            rule.check(node, at, statement);
        }
    }

    static final class Builder {

        private final String objectType;
        private final String article;
        private final Map<String, Property> properties = new LinkedHashMap<>();
        private final List<CrossRule> rules = new ArrayList<>();

        private Builder(String objectType, String article) {
            this.objectType = objectType;
            this.article = article;
        }

        Builder required(String name, ValueRule rule) {
            properties.put(name, new Property(name, true, rule));
            return this;
        }

        Builder optional(String name, ValueRule rule) {
            properties.put(name, new Property(name, false, rule));
            return this;
        }

        Builder rule(CrossRule rule) {
            rules.add(rule);
            return this;
        }

        ObjectType build() {
            return new ObjectType(objectType, article, Map.copyOf(properties),
                    properties.values().stream().filter(Property::required).toArray(Property[]::new),
                    rules.toArray(CrossRule[]::new));
        }
    }
}
