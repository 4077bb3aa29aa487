package org.elearn.testsupport;

/** A fixed key-encryption key for tests only; real deployments read theirs from outside the database. */
public final class TestKeys {

    /** Base64 of 32 bytes, used as {@code learning.crypto.kek} in tests. */
    public static final String KEK = "Lhv120Sk9ZB4epL40UrRf+P1+sJ8e/eX6RCwu6pipgU=";

    private TestKeys() {
    }
}
