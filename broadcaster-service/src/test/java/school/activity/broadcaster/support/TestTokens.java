package school.activity.broadcaster.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import school.activity.testinfra.TokenIssuer;

/** Tokens signed with the test profiles' secret. */
public final class TestTokens {

    public static final String SECRET = "broadcaster-test-secret-of-at-least-256-bits";
    private static final TokenIssuer ISSUER = TokenIssuer.hmac(SECRET);

    private TestTokens() {
    }

    public static String forRole(String role) {
        return ISSUER.issue(1, role, "+998900000001", Duration.ofHours(1));
    }

    public static String admin() {
        return forRole("admin");
    }

    /** An admin token that expires after the given lifetime (whole seconds, as JWT's exp). */
    public static String adminFor(Duration lifetime) {
        return ISSUER.issue(1, "admin", null, lifetime);
    }

    /** A well-signed admin token without {@code exp}: refused unless {@code activity.jwt.require-expiry=false}. */
    public static String adminWithoutExpiry() {
        return ISSUER.builder(1, "admin", null).expiration(null).compact();
    }

    public static String expiredAdmin() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return ISSUER.builder(1, "admin", null)
                .issuedAt(Date.from(past))
                .expiration(Date.from(past.plus(Duration.ofMinutes(5))))
                .compact();
    }
}
