package school.activity.support;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import school.activity.shared.token.TokenSettings;
import school.activity.shared.token.TokenVerifier;

/**
 * {@code activity.jwt.*}: how both services check tokens. Set {@code secret} (HMAC, at least 256 bits) or
 * {@code public-key} (RSA/EC PEM); a weak or missing key stops start-up.
 *
 * @param secret      HMAC secret; its UTF-8 bytes are the key (env {@code ACTIVITY_JWT_SECRET})
 * @param publicKey   RSA or EC public key in PEM; wins over {@code secret} when both are set
 * @param userIdClaim claim with the numeric user id
 * @param roleClaim   claim with the role
 * @param phoneClaim  claim with the phone number (optional in tokens)
 * @param clockSkew   tolerated clock difference for {@code exp} and {@code nbf}
 * @param cachedTokens distinct verified tokens remembered until they expire, so a client's repeated token is not
 *                     verified again (0: verify every request); size it above the users active within a token's
 *                     lifetime, since cycling through more tokens than this re-verifies every request
 * @param requireExpiry a token without {@code exp} is refused (reason "token has no expiry") unless this is false
 * @param maxSessionLifetime longest a WebSocket session opened with one token lasts, however far away its
 *                     {@code exp}: the session is then closed with 1008 like one whose token expired
 */
@Validated
@ConfigurationProperties("activity.jwt")
public record JwtProperties(
        String secret,
        String publicKey,
        @DefaultValue(TokenSettings.DEFAULT_USER_ID_CLAIM) @NotBlank String userIdClaim,
        @DefaultValue(TokenSettings.DEFAULT_ROLE_CLAIM) @NotBlank String roleClaim,
        @DefaultValue(TokenSettings.DEFAULT_PHONE_CLAIM) @NotBlank String phoneClaim,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("" + TokenVerifier.DEFAULT_CACHED_TOKENS) @PositiveOrZero int cachedTokens,
        @DefaultValue("" + TokenSettings.DEFAULT_REQUIRE_EXPIRY) boolean requireExpiry,
        @DefaultValue("12h") Duration maxSessionLifetime) {

    public TokenSettings toSettings() {
        return new TokenSettings(secret, publicKey, userIdClaim, roleClaim, phoneClaim, clockSkew, requireExpiry,
                maxSessionLifetime);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "JwtProperties[userIdClaim=" + userIdClaim + ", roleClaim=" + roleClaim + ", phoneClaim=" + phoneClaim
                + ", clockSkew=" + clockSkew + ", cachedTokens=" + cachedTokens + ", requireExpiry=" + requireExpiry
                + ", maxSessionLifetime=" + maxSessionLifetime
                + ", key=" + (publicKey != null && !publicKey.isBlank() ? "public-key" : "secret") + "]";
    }
}
