package org.elearn.command.xapi.validation;

/**
 * Where in a statement a value is, built as the walk descends and rendered only when a rule fails:
 * the dotted field the API has always named ({@code context.contextActivities.parent[0].id}) and
 * the JSON path ({@code $.context.contextActivities.parent[0].id}).
 */
record Path(Path parent, String name, int index) {

    static final Path ROOT = new Path(null, null, -1);

    Path child(String field) {
        return new Path(this, field, -1);
    }

    Path at(int i) {
        return new Path(this, null, i);
    }

    /** The dotted field, e.g. {@code actor.account.name}; empty for the statement itself. */
    String field() {
        StringBuilder out = new StringBuilder();
        render(out, false);
        return out.toString();
    }

    /** The JSON path, e.g. {@code $.object.definition.interactionType}. */
    String jsonPath() {
        StringBuilder out = new StringBuilder("$");
        render(out, true);
        return out.toString();
    }

    private void render(StringBuilder out, boolean json) {
        if (parent == null) {
            return;
        }
        parent.render(out, json);
        if (name == null) {
            out.append('[').append(index).append(']');
        } else if (json && !plain(name)) {
            out.append("['").append(name.replace("\\", "\\\\").replace("'", "\\'")).append("']");
        } else {
            if (json || out.length() > 0) {
                out.append('.');
            }
            out.append(name);
        }
    }

    private static boolean plain(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }
}
