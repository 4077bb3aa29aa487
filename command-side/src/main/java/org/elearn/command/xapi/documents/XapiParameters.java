package org.elearn.command.xapi.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elearn.command.CommandErrors;
import org.springframework.util.MultiValueMap;

/** The request parameters the LRS's resources share: each refusal a 400 naming the parameter. */
final class XapiParameters {

    private XapiParameters() {
    }

    /**
     * xAPI 1.0.3 (Communication 2): a parameter the resource does not take in this request, or one
     * given twice, is {@code 400 invalid-query-parameter} naming it.
     */
    static void only(MultiValueMap<String, String> query, Set<String> known, String resource) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!known.contains(parameter.getKey())) {
                throw CommandErrors.INVALID_QUERY_PARAMETER.refusal("The " + resource + " takes no "
                        + parameter.getKey() + " parameter here; it takes " + String.join(", ", known.stream()
                        .sorted().toList()) + ".", Map.of("parameter", parameter.getKey()));
            }
            if (parameter.getValue().size() > 1) {
                throw CommandErrors.INVALID_QUERY_PARAMETER.refusal("The " + parameter.getKey()
                        + " parameter is given more than once.", Map.of("parameter", parameter.getKey()));
            }
        }
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
