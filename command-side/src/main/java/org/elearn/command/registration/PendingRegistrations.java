package org.elearn.command.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.elearn.command.identity.AccountStore;
import org.elearn.support.privacy.EmailHasher;
import org.elearn.command.identity.MailedCodes;
import org.elearn.command.notification.ConsoleLinks;
import org.elearn.command.notification.Outbox;
import org.elearn.command.CommandErrors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-registration with a verified email, answering the same whether the email is new or taken, so
 * registering tells nobody which emails have accounts.
 * <ul>
 * <li>A new email: the registration waits in {@code pending_registration} and a single-use code
 * (256 random bits) is mailed to the address. The code completes it through
 * {@code POST /api/registrations/verification}; only the code's SHA-256 is stored, and what the
 * person typed only encrypted under a key derived from the code.</li>
 * <li>A taken email: nothing changes; the address gets a mail saying someone tried to register with
 * it (no code, no secret).</li>
 * </ul>
 * Both paths hash the password and queue one mail, so neither is visibly slower. Requests are
 * throttled per email and per client address, wrong codes per client address (429 with
 * {@code Retry-After}). Nothing here is logged. Blocking: call it off the event loop.
 */
@Service
@EnableConfigurationProperties(RegistrationProperties.class)
public record PendingRegistrations(JdbcTemplate jdbc, TransactionTemplate tx, AccountStore accounts, EmailHasher emailHasher,
                                   PasswordEncoder passwords, Outbox outbox, ConsoleLinks links, ObjectMapper json,
                                   Clock clock, ObjectProvider<Registrar<?>> registrars, RegistrationProperties limits,
                                   RegistrationThrottle throttle) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    /** The one answer to a registration request, whatever the email. */
    public static final Map<String, String> VERIFICATION_SENT = Map.of("status", "verification-sent");

    /**
     * Takes a registration: keeps it pending and mails a code to a new email, or mails the holder
     * of a taken one. Every request counts against the email and the client address.
     */
    public <D> void request(Registrar<D> registrar, String email, D details, String password, String clientAddress) {
        byte[] emailHash = emailHasher.hash(email);
        String emailKey = HexFormat.of().formatHex(emailHash);
        throttle.request(emailKey, clientAddress);
        String passwordHash = passwords.encode(password);
        UUID registrationId = UUID.randomUUID();
        String code = MailedCodes.newCode();
        Instant expiresAt = clock.instant().plus(limits.validity());
        byte[] sealed = seal(code, registrationId, write(details));
        tx.executeWithoutResult(status -> {
            Optional<UUID> holder = accounts.userIdForEmail(emailHash);
            if (holder.isPresent()) {
                outbox.enqueue(holder.get().toString(), email, "Registration attempt with your email",
                        attemptMessage(registrar));
                return;
            }
            jdbc.update("""
                    INSERT INTO pending_registration (registration_id, kind, email_hash, code_hash, details,
                                                      password_hash, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    registrationId, registrar.kind().name(), emailHash, MailedCodes.sha256(code), sealed, passwordHash,
                    Timestamp.from(expiresAt));
            // under the registration's id: deleted with the registration, at verification or expiry
            outbox.enqueue(registrationId.toString(), email, "Verify your email", codeMessage(registrar, code,
                    expiresAt));
        });
    }

    private record Pending(UUID registrationId, String kind, byte[] emailHash, byte[] details, String passwordHash) {
    }

    /**
     * Completes the registration this code opens, exactly as registering did before verification
     * existed. The pending row and every other pending registration of the same email go with it,
     * and so does their mail.
     */
    public Registrar.Registered verify(String code, String clientAddress) {
        throttle.checkVerification(clientAddress);
        return tx.execute(status -> {
            // locked: the same code sent twice at once completes once, and the other finds nothing
            Pending pending = jdbc.query("""
                            SELECT registration_id, kind, email_hash, details, password_hash FROM pending_registration
                             WHERE code_hash = ? AND expires_at > ? FOR UPDATE""",
                    (rs, n) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3),
                            rs.getBytes(4), rs.getString(5)), MailedCodes.sha256(code), Timestamp.from(clock.instant()))
                    .stream().findFirst().orElseThrow(() -> {
                        throttle.recordWrongCode(clientAddress);
                        return CommandErrors.REGISTRATION_NOT_FOUND.refusal("No pending "
                                + "registration has this code: it is wrong, already used, or expired (a code works for "
                                + limits.validity().toHours() + " hours). Register again to get a new one.");
                    });
            Registrar.Registered registered = complete(registrar(pending.kind()), pending, code);
            // this one and any other waiting for the same email (none of them can succeed any more), with
            // their mail: a used code's mail has done its work, and the local mailbox keeps the address in clear
            jdbc.queryForList("DELETE FROM pending_registration WHERE email_hash = ? RETURNING registration_id",
                    UUID.class, (Object) pending.emailHash()).forEach(done -> outbox.forget(done.toString()));
            return registered;
        });
    }

    private <D> Registrar.Registered complete(Registrar<D> registrar, Pending pending, String code) {
        D details = read(open(code, pending.registrationId(), pending.details()), registrar.kind().detailsType());
        return registrar.complete(pending.registrationId(), details, pending.passwordHash());
    }

    /** Deletes expired registrations, and any mail for them not yet delivered or still in the local mailbox. */
    @Scheduled(fixedDelayString = "${learning.registration.cleanup-interval:10m}",
            initialDelayString = "${learning.registration.cleanup-interval:10m}")
    public void deleteExpired() {
        tx.executeWithoutResult(status -> jdbc.queryForList(
                        "DELETE FROM pending_registration WHERE expires_at <= ? RETURNING registration_id", UUID.class,
                        Timestamp.from(clock.instant()))
                .forEach(expired -> outbox.forget(expired.toString())));
    }

    private Registrar<?> registrar(String kind) {
        Map<String, Registrar<?>> byKind = registrars.orderedStream()
                .collect(Collectors.toMap(registrar -> registrar.kind().name(), Function.identity()));
        return Optional.ofNullable(byKind.get(kind))
                .orElseThrow(() -> new IllegalStateException("no registrar for a pending registration's kind"));
    }

    private String codeMessage(Registrar<?> registrar, String code, Instant expiresAt) {
        return "Someone, probably you, asked to register " + registrar.kind().accountName()
                + " on the learning platform with this email address.\n"
                + "Your verification code: " + code + "\n"
                + "To finish the registration, open " + links.join("verify", code) + "\n"
                + "(or send the code to POST /api/registrations/verification). It works once, until " + expiresAt + ".\n"
                + "If you did not ask for this, ignore this message: without the code nothing is registered.\n";
    }

    private static String attemptMessage(Registrar<?> registrar) {
        return "Someone asked to register " + registrar.kind().accountName()
                + " on the learning platform with this email address.\n"
                + "This address is already in use there, so nothing was registered and nothing was changed.\n"
                + "If it was you, log in with your existing account. If it was not you, you can ignore this message.\n";
    }

    private byte[] write(Object details) {
        try {
            return json.writeValueAsBytes(details);
        } catch (IOException e) {
            throw new IllegalStateException("registration details are plain records", e);
        }
    }

    private <D> D read(byte[] details, Class<D> type) {
        try {
            return json.readValue(details, type);
        } catch (IOException e) {
            throw new IllegalStateException("a pending registration holds its registrar's details", e);
        }
    }

    /** AES-GCM under a key derived from the code, bound to the registration id: nonce, then ciphertext. */
    private static byte[] seal(String code, UUID registrationId, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, code, registrationId, nonce, plain);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    private static byte[] open(String code, UUID registrationId, byte[] stored) {
        return cipher(Cipher.DECRYPT_MODE, code, registrationId, Arrays.copyOf(stored, NONCE_BYTES),
                Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private static byte[] cipher(int mode, String code, UUID registrationId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            // a different digest from the stored code hash, so the stored hash is not the key
            cipher.init(mode, new SecretKeySpec(MailedCodes.sha256("pending-registration-key:" + code), "AES"),
                    new GCMParameterSpec(128, nonce));
            cipher.updateAAD(registrationId.toString().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a pending registration cannot be sealed or opened", e);
        }
    }
}
