package school.activity.shared.token;

import school.activity.testinfra.TokenIssuer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-that-is-at-least-256-bits-long!";
    private final TokenSettings settings = TokenSettings.hmac(SECRET);
    private final TokenVerifier verifier = new TokenVerifier(settings);
    private final TokenIssuer issuer = TokenIssuer.hmac(SECRET);

    @Test
    void aValidHs256TokenYieldsUserRoleAndPhone() {
        String token = issuer.issue(42, "student", "+998901234567", Duration.ofMinutes(5));

        assertThat(verifier.verify(token).acceptedUser())
                .contains(new AuthenticatedUser(42, "student", "+998901234567"));
        assertThat(verifier.verifyAuthorizationHeader("Bearer " + token).acceptedUser()).map(AuthenticatedUser::userId)
                .contains(42L);
    }

    @Test
    void anAcceptedTokenCarriesTheLastInstantItIsAcceptedFreshOrCached() {
        Instant exp = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = issuer.builder(7, "admin", null).expiration(Date.from(exp)).compact();
        Instant expected = exp.plus(settings.clockSkew());

        TokenVerification fresh = verifier.verify(token);
        TokenVerification cached = verifier.verify(token);

        assertThat(fresh).isInstanceOfSatisfying(TokenVerification.Accepted.class,
                accepted -> assertThat(accepted.expiry()).contains(expected));
        assertThat(cached).isInstanceOfSatisfying(TokenVerification.Accepted.class,
                accepted -> assertThat(accepted.expiry()).contains(expected));
    }

    @Test
    void aTokenWithoutExpiryIsRejectedWithItsOwnReason() {
        String token = issuer.builder(7, "admin", null).expiration(null).compact();

        assertThat(verifier.verify(token)).isEqualTo(rejected(RejectionReason.MISSING_EXPIRY));
        assertThat(verifier.verifyAuthorizationHeader("Bearer " + token))
                .isEqualTo(rejected(RejectionReason.MISSING_EXPIRY));
    }

    @Test
    void aTokenWithoutExpiryIsAcceptedWithoutOneOnlyWhenExpiryIsNotRequired() {
        String token = issuer.builder(7, "admin", null).expiration(null).compact();
        TokenVerifier lenient = new TokenVerifier(settings.withRequireExpiry(false));

        assertThat(lenient.verify(token)).isInstanceOfSatisfying(TokenVerification.Accepted.class,
                accepted -> assertThat(accepted.expiry()).isEmpty());
    }

    @Test
    void aSessionEndsAtTheTokensExpiryOrAtTheMaximumLifetimeWhicheverComesFirst() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        TokenSettings capped = settings.withMaxSessionLifetime(Duration.ofHours(12)).withRequireExpiry(false);
        TokenVerifier sessions = new TokenVerifier(capped, clock, 0);
        String shortLived = issuer.builder(1, "admin", null)
                .expiration(Date.from(clock.instant().plus(Duration.ofHours(1)))).compact();
        String longLived = issuer.builder(1, "admin", null)
                .expiration(Date.from(clock.instant().plus(Duration.ofDays(30)))).compact();
        String eternal = issuer.builder(1, "admin", null).expiration(null).compact();

        assertThat(sessions.sessionEnd((TokenVerification.Accepted) sessions.verify(shortLived)))
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)).plus(settings.clockSkew()));
        assertThat(sessions.sessionEnd((TokenVerification.Accepted) sessions.verify(longLived)))
                .isEqualTo(clock.instant().plus(Duration.ofHours(12)));
        assertThat(sessions.sessionEnd((TokenVerification.Accepted) sessions.verify(eternal)))
                .isEqualTo(clock.instant().plus(Duration.ofHours(12)));
    }

    @Test
    void theExpiryRulesHaveSafeDefaults() {
        assertThat(settings.requireExpiry()).isTrue();
        assertThat(settings.maxSessionLifetime()).isEqualTo(Duration.ofHours(12));
        assertThatThrownBy(() -> settings.withMaxSessionLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-session-lifetime");
    }

    @Test
    void roleAndPhoneAreOptional() {
        String token = issuer.issue(42, null, null, Duration.ofMinutes(5));

        assertThat(verifier.verify(token).acceptedUser()).contains(new AuthenticatedUser(42, null, null));
    }

    @Test
    void expiredIsRejected() {
        String token = issuer.builder(1, "student", null)
                .expiration(Date.from(Instant.now().minus(Duration.ofMinutes(5)))).compact();

        assertThat(verifier.verify(token)).isEqualTo(rejected(RejectionReason.EXPIRED));
    }

    @Test
    void expiryWithinTheClockSkewIsAccepted() {
        String token = issuer.builder(1, "student", null)
                .expiration(Date.from(Instant.now().minusSeconds(5))).compact();

        assertThat(verifier.verify(token).acceptedUser()).isPresent();
    }

    @Test
    void notYetValidIsRejected() {
        String token = issuer.builder(1, "student", null)
                .notBefore(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).compact();

        assertThat(verifier.verify(token)).isEqualTo(rejected(RejectionReason.NOT_YET_VALID));
    }

    @Test
    void unsignedAlgNoneIsRejected() {
        String header = base64Url("{\"alg\":\"none\"}");
        String payload = base64Url("{\"sub\":\"1\",\"role\":\"admin\"}");

        assertThat(verifier.verify(header + "." + payload + ".")).isEqualTo(rejected(RejectionReason.UNSIGNED));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRejected() {
        TokenIssuer other = TokenIssuer.hmac("another-secret-that-is-also-256-bits-long!!");

        assertThat(verifier.verify(other.issue(1, "admin", null, Duration.ofMinutes(5))))
                .isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
    }

    @Test
    void aTruncatedTokenIsRejected() {
        String token = issuer.issue(1, "admin", null, Duration.ofMinutes(5));

        assertThat(verifier.verify(token.substring(0, token.length() - 10)))
                .isEqualTo(rejected(RejectionReason.BAD_SIGNATURE));
        assertThat(verifier.verify(token.substring(0, token.lastIndexOf('.'))))
                .isEqualTo(rejected(RejectionReason.MALFORMED));
    }

    @Test
    void garbageIsRejected() {
        assertThat(verifier.verify("garbage")).isEqualTo(rejected(RejectionReason.MALFORMED));
        assertThat(verifier.verify("a.b.c")).isEqualTo(rejected(RejectionReason.MALFORMED));
        assertThat(verifier.verify("\u0000\uffff.%%%.!!")).isEqualTo(rejected(RejectionReason.MALFORMED));
        assertThat(verifier.verify("")).isEqualTo(rejected(RejectionReason.MISSING));
        assertThat(verifier.verifyAuthorizationHeader(null)).isEqualTo(rejected(RejectionReason.MISSING));
        assertThat(verifier.verifyAuthorizationHeader("Basic dXNlcjpwYXNz"))
                .isEqualTo(rejected(RejectionReason.MISSING));
    }

    @Test
    void aTokenWithoutUserIdIsRejected() {
        String token = issuer.builder(1, "admin", null).subject(null).compact();

        assertThat(verifier.verify(token)).isEqualTo(rejected(RejectionReason.MISSING_USER_ID));
    }

    @Test
    void aNonNumericUserIdIsRejected() {
        String token = issuer.builder(1, "admin", null).subject("alice").compact();

        assertThat(verifier.verify(token)).isEqualTo(rejected(RejectionReason.INVALID_USER_ID));
    }

    @Test
    void userIdsOutsideTheDatabaseRangeAreRejected() {
        assertThat(TokenVerifier.parseUserId("0")).isNull();
        assertThat(TokenVerifier.parseUserId(-4)).isNull();
        assertThat(TokenVerifier.parseUserId("2147483648")).isNull();
        assertThat(TokenVerifier.parseUserId(1.5)).isNull();
        assertThat(TokenVerifier.parseUserId(" 17 ")).isEqualTo(17L);
        assertThat(TokenVerifier.parseUserId(17)).isEqualTo(17L);
        assertThat(TokenVerifier.parseUserId(17.0)).isEqualTo(17L);
    }

    @Test
    void aNumericUserIdClaimIsAccepted() {
        TokenSettings custom = new TokenSettings(SECRET, null, "uid", "kind", "tel", null, true, null);
        String token = TokenIssuer.hmac(SECRET, new TokenIssuer.Claims("uid", "kind", "tel"))
                .issue(9, "teacher", "+998900000009", Duration.ofMinutes(1));

        assertThat(new TokenVerifier(custom).verify(token).acceptedUser())
                .contains(new AuthenticatedUser(9, "teacher", "+998900000009"));
    }

    @Test
    void aSecretShorterThan256BitsIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new TokenVerifier(TokenSettings.hmac("too-short-31-bytes-of-secret!!!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 bits");
        assertThatThrownBy(() -> new TokenVerifier(TokenSettings.hmac(null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anRsaPublicKeyVerifiesAnRs256Token() throws NoSuchAlgorithmException {
        KeyPair pair = rsaKeyPair();
        TokenSettings rsa = TokenSettings.publicKey(pem(pair));
        String token = TokenIssuer.withPrivateKey(pair.getPrivate(), TokenIssuer.Claims.DEFAULT).issue(5, "parent", null, Duration.ofMinutes(1));

        assertThat(token.substring(0, token.indexOf('.'))).isEqualTo(base64Url("{\"alg\":\"RS256\"}"));
        assertThat(new TokenVerifier(rsa).verify(token).acceptedUser()).contains(new AuthenticatedUser(5, "parent", null));
    }

    @Test
    void hs256SignedWithThePublicKeyIsRejectedWhenAPublicKeyIsConfigured() throws NoSuchAlgorithmException {
        KeyPair pair = rsaKeyPair();
        String publicPem = pem(pair);
        TokenVerifier rsaVerifier = new TokenVerifier(TokenSettings.publicKey(publicPem));
        // Key confusion: an attacker signs HS256 with the (public) key bytes as the HMAC secret.
        String forged = TokenIssuer.hmac(publicPem).issue(1, "admin", null, Duration.ofMinutes(1));

        assertThat(rsaVerifier.verify(forged).acceptedUser()).isEmpty();
    }

    @Test
    void aRememberedTokenIsStillRejectedOnceItExpires() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        TokenVerifier cached = new TokenVerifier(settings, clock, TokenVerifier.DEFAULT_CACHED_TOKENS);
        String token = issuer.builder(3, "student", null)
                .expiration(Date.from(clock.instant().plusSeconds(60))).compact();

        assertThat(cached.verify(token).acceptedUser()).isPresent();
        clock.advance(Duration.ofSeconds(60).plus(settings.clockSkew()));
        assertThat(cached.verify(token).acceptedUser()).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.verify(token)).isEqualTo(rejected(RejectionReason.EXPIRED));
    }

    @Test
    void aRememberedTokenAltersNothingForItsNeighbours() {
        String token = issuer.issue(4, "student", null, Duration.ofMinutes(5));
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        assertThat(verifier.verify(token).acceptedUser()).isPresent();
        assertThat(verifier.verify(tampered).acceptedUser()).isEmpty();
        assertThat(verifier.verify(token).acceptedUser()).contains(new AuthenticatedUser(4, "student", null));
    }

    @Test
    void theUserNeverPrintsItsPhone() {
        assertThat(new AuthenticatedUser(1, "parent", "+998901234567").toString()).doesNotContain("998901234567");
    }

    private static TokenVerification rejected(RejectionReason reason) {
        return new TokenVerification.Rejected(reason);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends java.time.Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
