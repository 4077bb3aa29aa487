package org.elearn.command.rights;

import static org.elearn.testsupport.Refusals.refusedWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.elearn.command.CommandErrors;
import org.elearn.events.rights.AccountCancellationCompleted;
import org.elearn.events.rights.AccountCancellationRequested;
import org.elearn.events.rights.AccountCancellationWithdrawn;
import org.junit.jupiter.api.Test;

class AccountCancellationTest {

    private final AggregateTestFixture<AccountCancellation> fixture =
            new AggregateTestFixture<>(AccountCancellation.class);
    private final UUID user = UUID.randomUUID();
    private final UUID organization = UUID.randomUUID();
    private final UUID id = AccountCancellation.idFor(user);
    private final UUID request = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-11-25T10:00:00Z");
    private final Instant due = at.plus(Duration.ofDays(14));
    private final AccountCancellationRequested requested =
            new AccountCancellationRequested(request, user, organization, at, due);

    @Test
    void cancellingRecordsWhenErasureIsDue() {
        fixture.givenNoPriorActivity()
                .when(new RequestAccountCancellation(id, request, user, organization, at, due))
                .expectEvents(requested);
    }

    @Test
    void cancellingTwiceIsRefused() {
        fixture.given(requested)
                .when(new RequestAccountCancellation(id, UUID.randomUUID(), user, organization, at.plusSeconds(5),
                        due.plusSeconds(5)))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.CANCELLATION_PENDING))
                .expectExceptionMessage("This account is already cancelled; erasure is due at the end of the cool-off.");
    }

    @Test
    void aCancellationIsWithdrawnDuringTheCoolOff() {
        Instant later = due.minusSeconds(1);
        fixture.given(requested)
                .when(new WithdrawAccountCancellation(id, later))
                .expectEvents(new AccountCancellationWithdrawn(request, user, organization, later))
                .expectResultMessagePayload(request);
    }

    @Test
    void aWithdrawnCancellationCanBeRequestedAgain() {
        UUID again = UUID.randomUUID();
        fixture.given(requested, new AccountCancellationWithdrawn(request, user, organization, at.plusSeconds(60)))
                .when(new RequestAccountCancellation(id, again, user, organization, at.plusSeconds(120), due))
                .expectEvents(new AccountCancellationRequested(again, user, organization, at.plusSeconds(120), due));
    }

    @Test
    void withdrawingAfterTheCoolOffIsRefused() {
        fixture.given(requested)
                .when(new WithdrawAccountCancellation(id, due))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.COOL_OFF_OVER))
                .expectExceptionMessage("The cool-off has ended: the cancellation can no longer be withdrawn.");
    }

    @Test
    void withdrawingWithoutAPendingCancellationIsRefused() {
        fixture.given(requested, new AccountCancellationWithdrawn(request, user, organization, at.plusSeconds(60)))
                .when(new WithdrawAccountCancellation(id, at.plusSeconds(120)))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.NO_CANCELLATION_PENDING))
                .expectExceptionMessage("This account has no pending cancellation.");
    }

    @Test
    void theCancellationCompletesOnceTheCoolOffIsOver() {
        fixture.given(requested)
                .when(new CompleteAccountCancellation(id, due))
                .expectEvents(new AccountCancellationCompleted(request, user, organization, due));
    }

    @Test
    void theCancellationDoesNotCompleteDuringTheCoolOff() {
        fixture.given(requested)
                .when(new CompleteAccountCancellation(id, due.minusSeconds(1)))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.COOL_OFF_RUNNING))
                .expectExceptionMessage("The cool-off has not ended: the account is not erased yet.");
    }

    @Test
    void anErasedAccountCannotBeCancelledAgain() {
        fixture.given(requested, new AccountCancellationCompleted(request, user, organization, due))
                .when(new RequestAccountCancellation(id, UUID.randomUUID(), user, organization, due, due))
                .expectNoEvents()
                .expectException(refusedWith(CommandErrors.ACCOUNT_ERASED));
    }
}
