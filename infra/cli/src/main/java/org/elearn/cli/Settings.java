package org.elearn.cli;

/** The settings of the local run and its commands. */
public final class Settings {

    private Settings() {
    }

    /** An environment variable, or the same name as a system property, or the default. */
    public static String setting(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null ? fallback : value;
    }
}
