package org.elearn.command.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first operator account ({@code LEARNING_OPERATOR_EMAIL}, {@code LEARNING_OPERATOR_PASSWORD}).
 * {@code generateWhenUnset} is for the local run only: it creates an operator with a generated
 * password, printed once.
 */
@ConfigurationProperties("learning.operator")
record OperatorProperties(String email, String password, boolean generateWhenUnset) {

    static final String LOCAL_DEFAULT_EMAIL = "operator@localhost";

    boolean configured() {
        return email != null && !email.isBlank() && password != null && !password.isBlank();
    }

    /** Without the password, and without the address: neither may reach a log. */
    @Override
    public String toString() {
        return "OperatorProperties[configured=" + configured() + ", generateWhenUnset=" + generateWhenUnset + "]";
    }
}
