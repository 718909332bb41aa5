package school.activity.shared.token;

import java.time.Duration;
import java.util.Objects;

/**
 * How tokens are checked ({@code activity.jwt.*}). Exactly one of {@code secret} (HMAC, at least 256 bits) and
 * {@code publicKey} (RSA or EC, PEM) is used; the public key wins when both are set.
 *
 * @param secret       HMAC secret, its UTF-8 bytes are the key
 * @param publicKey    RSA or EC public key in PEM ({@code -----BEGIN PUBLIC KEY-----})
 * @param userIdClaim  claim holding the numeric user id (default {@code sub})
 * @param roleClaim    claim holding the role (default {@code role})
 * @param phoneClaim   claim holding the phone number, optional in tokens (default {@code phone})
 * @param clockSkew    tolerated clock difference for {@code exp} and {@code nbf}
 * @param requireExpiry whether a token without {@code exp} is refused: a leaked token must not live forever
 * @param maxSessionLifetime longest a session opened with one token may last, however far away its {@code exp} is
 */
public record TokenSettings(String secret, String publicKey, String userIdClaim, String roleClaim,
                            String phoneClaim, Duration clockSkew, boolean requireExpiry,
                            Duration maxSessionLifetime) {

    public static final String DEFAULT_USER_ID_CLAIM = "sub";
    public static final String DEFAULT_ROLE_CLAIM = "role";
    public static final String DEFAULT_PHONE_CLAIM = "phone";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    public static final boolean DEFAULT_REQUIRE_EXPIRY = true;
    public static final Duration DEFAULT_MAX_SESSION_LIFETIME = Duration.ofHours(12);

    public TokenSettings {
        userIdClaim = blankToDefault(userIdClaim, DEFAULT_USER_ID_CLAIM);
        roleClaim = blankToDefault(roleClaim, DEFAULT_ROLE_CLAIM);
        phoneClaim = blankToDefault(phoneClaim, DEFAULT_PHONE_CLAIM);
        clockSkew = Objects.requireNonNullElse(clockSkew, DEFAULT_CLOCK_SKEW);
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("activity.jwt.clock-skew must not be negative");
        }
        maxSessionLifetime = Objects.requireNonNullElse(maxSessionLifetime, DEFAULT_MAX_SESSION_LIFETIME);
        if (maxSessionLifetime.isNegative() || maxSessionLifetime.isZero()) {
            throw new IllegalArgumentException("activity.jwt.max-session-lifetime must be positive");
        }
    }

    /** Settings for an HMAC secret with the default claims. */
    public static TokenSettings hmac(String secret) {
        return new TokenSettings(secret, null, null, null, null, null, DEFAULT_REQUIRE_EXPIRY, null);
    }

    /** Settings for an RSA or EC public key with the default claims. */
    public static TokenSettings publicKey(String pem) {
        return new TokenSettings(null, pem, null, null, null, null, DEFAULT_REQUIRE_EXPIRY, null);
    }

    /** These settings with {@code requireExpiry} changed. */
    public TokenSettings withRequireExpiry(boolean required) {
        return new TokenSettings(secret, publicKey, userIdClaim, roleClaim, phoneClaim, clockSkew, required,
                maxSessionLifetime);
    }

    /** These settings with {@code maxSessionLifetime} changed. */
    public TokenSettings withMaxSessionLifetime(Duration lifetime) {
        return new TokenSettings(secret, publicKey, userIdClaim, roleClaim, phoneClaim, clockSkew, requireExpiry,
                lifetime);
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
