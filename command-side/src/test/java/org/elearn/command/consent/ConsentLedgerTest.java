package org.elearn.command.consent;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.command.CommandErrors;
import org.elearn.events.consent.ConsentChannel;
import org.elearn.events.consent.ConsentDeclined;
import org.elearn.events.consent.ConsentGranted;
import org.elearn.events.consent.ConsentWithdrawn;
import org.junit.jupiter.api.Test;

class ConsentLedgerTest {

    private final AggregateTestFixture<ConsentLedger> fixture = new AggregateTestFixture<>(ConsentLedger.class);
    private final UUID user = UUID.randomUUID();
    private final UUID ledger = ConsentLedger.idFor(user);
    private final Instant at = Instant.parse("2026-11-25T10:00:00Z");

    private DecideConsent decide(String purpose, boolean granted, String version) {
        return new DecideConsent(ledger, user, purpose, granted, version, ConsentChannel.WEB, at);
    }

    @Test
    void aGrantIsRecordedWithItsPolicyVersionAndChannel() {
        fixture.givenNoPriorActivity()
                .when(decide("MARKETING_EMAIL", true, "3"))
                .expectEvents(new ConsentGranted(user, "MARKETING_EMAIL", "3", ConsentChannel.WEB, at))
                .expectResultMessagePayload(List.of(new ConsentLedger.Decided("MARKETING_EMAIL", ConsentState.GRANTED)));
    }

    @Test
    void aGivenConsentCanBeWithdrawn() {
        fixture.given(new ConsentGranted(user, "MARKETING_EMAIL", "3", ConsentChannel.WEB, at))
                .when(decide("MARKETING_EMAIL", false, "3"))
                .expectEvents(new ConsentWithdrawn(user, "MARKETING_EMAIL", "3", ConsentChannel.WEB, at));
    }

    @Test
    void withdrawingAConsentNeverGivenIsRefused() {
        fixture.givenNoPriorActivity()
                .when(decide("MARKETING_EMAIL", false, "3"))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.CONSENT_NOT_GIVEN))
                .expectExceptionMessage("There is no consent to this purpose to withdraw.");
    }

    @Test
    void withdrawingTwiceIsRefused() {
        fixture.given(new ConsentGranted(user, "PERSONALISATION", "3", ConsentChannel.WEB, at),
                        new ConsentWithdrawn(user, "PERSONALISATION", "3", ConsentChannel.WEB, at))
                .when(decide("PERSONALISATION", false, "3"))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.CONSENT_NOT_GIVEN));
    }

    @Test
    void grantingAgainUnderTheSamePolicyVersionChangesNothing() {
        fixture.given(new ConsentGranted(user, "MARKETING_EMAIL", "3", ConsentChannel.WEB, at))
                .when(decide("MARKETING_EMAIL", true, "3"))
                .expectNoEvents()
                .expectResultMessagePayload(List.of());
    }

    @Test
    void grantingUnderANewPolicyVersionIsRecorded() {
        fixture.given(new ConsentGranted(user, "MARKETING_EMAIL", "3", ConsentChannel.WEB, at))
                .when(decide("MARKETING_EMAIL", true, "4"))
                .expectEvents(new ConsentGranted(user, "MARKETING_EMAIL", "4", ConsentChannel.WEB, at));
    }

    @Test
    void theCookieBannerRecordsADeclineForAPurposeNeverDecided() {
        fixture.givenNoPriorActivity()
                .when(new RecordCookieChoice(ledger, user, Map.of("ANALYTICS_COOKIES", false, "PERSONALISATION", true),
                        "3", at))
                .expectEvents(new ConsentDeclined(user, "ANALYTICS_COOKIES", "3", ConsentChannel.COOKIE_BANNER, at),
                        new ConsentGranted(user, "PERSONALISATION", "3", ConsentChannel.COOKIE_BANNER, at));
    }

    @Test
    void theCookieBannerWithdrawsAGivenConsentAndRepeatsNothing() {
        fixture.given(new ConsentGranted(user, "ANALYTICS_COOKIES", "3", ConsentChannel.COOKIE_BANNER, at),
                        new ConsentDeclined(user, "PERSONALISATION", "3", ConsentChannel.COOKIE_BANNER, at))
                .when(new RecordCookieChoice(ledger, user, Map.of("ANALYTICS_COOKIES", false, "PERSONALISATION", false),
                        "3", at))
                .expectEvents(new ConsentWithdrawn(user, "ANALYTICS_COOKIES", "3", ConsentChannel.COOKIE_BANNER, at));
    }
}
