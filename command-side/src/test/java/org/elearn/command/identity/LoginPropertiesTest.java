package org.elearn.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** bcrypt's cost: 10 unless set, only what bcrypt takes, and a stored hash checks whatever the setting. */
class LoginPropertiesTest {

    private static LoginProperties withCost(Integer cost) {
        return new LoginProperties(5, 20, Duration.ofMinutes(15), List.of(), cost);
    }

    @Test
    void newHashesCostTenUnlessSet() {
        assertThat(withCost(null).passwordHashCost()).isEqualTo(10);
        assertThat(new IdentityConfiguration().passwordEncoder(withCost(null)).encode("a password 123"))
                .startsWith("$2a$10$");
        assertThat(new IdentityConfiguration().passwordEncoder(withCost(4)).encode("a password 123"))
                .startsWith("$2a$04$");
    }

    @Test
    void aCostBcryptDoesNotTakeIsRefused() {
        assertThatThrownBy(() -> withCost(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning.login.password-hash-cost");
        assertThatThrownBy(() -> withCost(32)).isInstanceOf(IllegalArgumentException.class);
        assertThat(withCost(31).passwordHashCost()).isEqualTo(31);
    }

    @Test
    void aHashMadeAtOneCostStillMatchesAtAnother() {
        String stored = new IdentityConfiguration().passwordEncoder(withCost(6)).encode("a password 123");
        assertThat(new IdentityConfiguration().passwordEncoder(withCost(4)).matches("a password 123", stored)).isTrue();
        assertThat(new IdentityConfiguration().passwordEncoder(withCost(4)).matches("another one 456", stored)).isFalse();
    }
}
