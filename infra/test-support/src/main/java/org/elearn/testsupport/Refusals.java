package org.elearn.testsupport;

import org.elearn.support.errors.DomainException;
import org.elearn.support.errors.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Matches a refusal by its catalogue entry, the thing clients branch on, rather than by its class or
 * its wording: {@code fixture.when(command).expectException(refusedWith(CommandErrors.X))}.
 */
public final class Refusals {

    private Refusals() {
    }

    /** A {@link DomainException} carrying this entry's code. */
    public static Matcher<Throwable> refusedWith(ErrorCode error) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable thrown, Description mismatch) {
                if (!(thrown instanceof DomainException refusal)) {
                    mismatch.appendText("was ").appendValue(thrown);
                    return false;
                }
                if (!refusal.is(error)) {
                    mismatch.appendText("was refused with ").appendValue(refusal.code());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code ").appendValue(error.code());
            }
        };
    }
}
