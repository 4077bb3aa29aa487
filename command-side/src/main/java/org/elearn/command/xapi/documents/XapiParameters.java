package org.elearn.command.xapi.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.elearn.command.CommandErrors;

/** The request parameters the LRS's resources share: each refusal a 400 naming the parameter. */
final class XapiParameters {

    private XapiParameters() {
    }

    /** The parameter's value; 400 {@code missing-parameter} when absent or empty. */
    static String required(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            throw CommandErrors.MISSING_PARAMETER.refusal("The " + parameter + " parameter is required.",
                    Map.of("parameter", parameter));
        }
        return value;
    }

    /** The required {@code agent} parameter as JSON; 400 {@code malformed-request} when it is not JSON. */
    static JsonNode agent(ObjectMapper json, String value) {
        try {
            return json.readTree(required("agent", value));
        } catch (IOException e) {
            throw CommandErrors.MALFORMED_REQUEST.refusal("The agent parameter is not JSON.",
                    Map.of("parameter", "agent"));
        }
    }
}
