package school.activity.shared.token;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.InvalidKeyException;
import io.jsonwebtoken.security.SignatureException;
import io.jsonwebtoken.security.UnsupportedKeyException;

/**
 * The token rules of both services: a signed JWT (HMAC with a secret of at least 256 bits, or RSA/EC with a public
 * key), inside its validity window give or take the clock skew, with an {@code exp} unless that rule is switched off,
 * and with a positive integer user id. Thread-safe.
 * Never throws for a bad token and never puts the token into a message.
 */
public final class TokenVerifier {

    /** {@code users.id} is a PostgreSQL INTEGER: larger ids cannot exist and must not reach the database. */
    private static final long MAX_USER_ID = Integer.MAX_VALUE;
    private static final Pattern DECIMAL_ID = Pattern.compile("[0-9]{1,19}");

    /**
     * Distinct valid tokens remembered by default ({@code activity.jwt.cached-tokens}): a district of ten reference
     * schools (51 500 users) each with one token. Cycling through more tokens than this re-verifies every request.
     */
    public static final int DEFAULT_CACHED_TOKENS = 60_000;
    /** A token without {@code exp} is re-verified at least this often. */
    private static final long MAX_CACHE_MILLIS = 300_000;

    private final JwtParser parser;
    private final TokenSettings settings;
    private final Clock clock;
    private final VerifiedTokens verified;

    /** @throws IllegalArgumentException when the key is missing, unreadable or shorter than 256 bits */
    public TokenVerifier(TokenSettings settings) {
        this(settings, DEFAULT_CACHED_TOKENS);
    }

    /** @param cachedTokens distinct verified tokens remembered (0: verify every time) */
    public TokenVerifier(TokenSettings settings, int cachedTokens) {
        this(settings, Clock.systemUTC(), cachedTokens);
    }

    /** With the clock both the token checks and the cache use, and the cache's size (0: no cache). */
    TokenVerifier(TokenSettings settings, Clock clock, int cachedTokens) {
        this.settings = settings;
        this.clock = clock;
        this.verified = new VerifiedTokens(cachedTokens);
        JwtParserBuilder builder = Jwts.parser()
                .json(new JwtJson.Reader())
                .clock(() -> Date.from(clock.instant()))
                .clockSkewSeconds(settings.clockSkew().toSeconds());
        Key key = hasText(settings.publicKey())
                ? KeyMaterial.publicKey(settings.publicKey())
                : KeyMaterial.hmacKey(settings.secret());
        if (key instanceof PublicKey publicKey) {
            builder.verifyWith(publicKey);
        } else {
            builder.verifyWith((SecretKey) key);
        }
        this.parser = builder.build();
    }

    /** Checks an {@code Authorization} header value; no header or another scheme is {@code MISSING}. */
    public TokenVerification verifyAuthorizationHeader(String header) {
        return BearerToken.fromAuthorizationHeader(header)
                .map(this::verify)
                .orElseGet(() -> new TokenVerification.Rejected(RejectionReason.MISSING));
    }

    public TokenVerification verify(String token) {
        if (token == null || token.isBlank()) {
            return new TokenVerification.Rejected(RejectionReason.MISSING);
        }
        long now = clock.millis();
        TokenVerification.Accepted known = verified.get(token, now);
        if (known != null) {
            return known;
        }
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException e) {
            return rejected(RejectionReason.EXPIRED);
        } catch (PrematureJwtException e) {
            return rejected(RejectionReason.NOT_YET_VALID);
        } catch (UnsupportedJwtException e) {
            // parseSignedClaims refuses unprotected (alg: none) tokens and encrypted ones this way.
            return rejected(isUnsigned(token) ? RejectionReason.UNSIGNED : RejectionReason.MALFORMED);
        } catch (SignatureException e) {
            return rejected(RejectionReason.BAD_SIGNATURE);
        } catch (InvalidKeyException | UnsupportedKeyException e) {
            return rejected(RejectionReason.WRONG_ALGORITHM);
        } catch (MalformedJwtException e) {
            return rejected(RejectionReason.MALFORMED);
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            // Any other parse failure of untrusted input (bad base64, bad JSON, unknown algorithm) is malformed.
            return rejected(isUnsigned(token) ? RejectionReason.UNSIGNED : RejectionReason.MALFORMED);
        }
        if (settings.requireExpiry() && claims.getExpiration() == null) {
            return rejected(RejectionReason.MISSING_EXPIRY);
        }
        TokenVerification verification = userOf(claims);
        if (verification instanceof TokenVerification.Accepted accepted) {
            verified.put(token, accepted, validUntil(claims, now), now);
        }
        return verification;
    }

    /**
     * When a session opened now with this accepted token must end: at the token's expiry, but never later than
     * {@code max-session-lifetime} from now, so a leaked long-lived token cannot hold a channel open for weeks.
     */
    public Instant sessionEnd(TokenVerification.Accepted accepted) {
        Instant limit = clock.instant().plus(settings.maxSessionLifetime());
        return accepted.expiry().filter(expiresAt -> expiresAt.isBefore(limit)).orElse(limit);
    }

    /** The last instant the parser itself would still accept this token (expiry plus skew), capped. */
    private long validUntil(Claims claims, long now) {
        long cap = now + MAX_CACHE_MILLIS;
        Instant expiresAt = expiresAt(claims);
        return expiresAt == null ? cap : Math.min(cap, expiresAt.toEpochMilli());
    }

    /** Expiry plus skew: the parser refuses the token after this instant; null for a token without {@code exp}. */
    private Instant expiresAt(Claims claims) {
        Date expiration = claims.getExpiration();
        return expiration == null ? null : expiration.toInstant().plus(settings.clockSkew());
    }

    private TokenVerification userOf(Claims claims) {
        Object rawId = claims.get(settings.userIdClaim());
        if (rawId == null) {
            return rejected(RejectionReason.MISSING_USER_ID);
        }
        Long userId = parseUserId(rawId);
        if (userId == null) {
            return rejected(RejectionReason.INVALID_USER_ID);
        }
        return new TokenVerification.Accepted(new AuthenticatedUser(userId,
                stringClaim(claims, settings.roleClaim()), stringClaim(claims, settings.phoneClaim())),
                expiresAt(claims));
    }

    /** A number, or a numeric string as JWT {@code sub} usually is; positive and within INTEGER range. */
    static Long parseUserId(Object raw) {
        BigInteger value;
        try {
            if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof BigInteger) {
                value = new BigInteger(raw.toString());
            } else if (raw instanceof String text && DECIMAL_ID.matcher(text.strip()).matches()) {
                value = new BigInteger(text.strip());
            } else if (raw instanceof BigDecimal || raw instanceof Double || raw instanceof Float) {
                value = new BigDecimal(raw.toString()).toBigIntegerExact();
            } else {
                return null;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        if (value.signum() <= 0 || value.compareTo(BigInteger.valueOf(MAX_USER_ID)) > 0) {
            return null;
        }
        return value.longValue();
    }

    private static String stringClaim(Claims claims, String name) {
        Object value = claims.get(name);
        return value == null ? null : value.toString();
    }

    /** A compact JWT with an empty signature part and a header naming {@code none}. */
    private static boolean isUnsigned(String token) {
        int firstDot = token.indexOf('.');
        if (firstDot <= 0) {
            return false;
        }
        try {
            String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, firstDot)),
                    java.nio.charset.StandardCharsets.UTF_8);
            return header.replace(" ", "").toLowerCase(java.util.Locale.ROOT).contains("\"alg\":\"none\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static TokenVerification rejected(RejectionReason reason) {
        return new TokenVerification.Rejected(reason);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
