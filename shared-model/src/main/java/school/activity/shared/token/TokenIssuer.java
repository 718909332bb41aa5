package school.activity.shared.token;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

/**
 * Mints tokens the verifier accepts: for the demo school, load generators and tests. The platform issues real ones.
 */
public final class TokenIssuer {

    /** Lifetime of a token from {@link #builder}, which callers may change or (to test refusals) remove. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final SecretKey hmacKey;
    private final PrivateKey privateKey;
    private final TokenSettings settings;

    private TokenIssuer(SecretKey hmacKey, PrivateKey privateKey, TokenSettings settings) {
        this.hmacKey = hmacKey;
        this.privateKey = privateKey;
        this.settings = settings;
    }

    /** An issuer for HMAC tokens; the secret must pass the same 256-bit rule as the verifier's. */
    public static TokenIssuer hmac(TokenSettings settings) {
        return new TokenIssuer(KeyMaterial.hmacKey(settings.secret()), null, settings);
    }

    /** An issuer signing with an RSA or EC private key (RS256/ES256 and kin, chosen by jjwt from the key). */
    public static TokenIssuer withPrivateKey(PrivateKey key, TokenSettings settings) {
        return new TokenIssuer(null, key, settings);
    }

    /** A token for {@code userId} valid from now for {@code lifetime}; role and phone are left out when null. */
    public String issue(long userId, String role, String phone, Duration lifetime) {
        Instant now = Instant.now();
        return builder(userId, role, phone)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(lifetime)))
                .compact();
    }

    /**
     * A builder with the user claims set, the key chosen and {@code iat}/{@code exp} for {@link #DEFAULT_LIFETIME}
     * from now (tokens without {@code exp} are refused by default), for tokens with unusual times or claims.
     */
    public JwtBuilder builder(long userId, String role, String phone) {
        Instant now = Instant.now();
        JwtBuilder builder = Jwts.builder().json(new JwtJson.Writer())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(DEFAULT_LIFETIME)));
        if (settings.userIdClaim().equals("sub")) {
            builder.subject(Long.toString(userId));
        } else {
            builder.claim(settings.userIdClaim(), userId);
        }
        if (role != null) {
            builder.claim(settings.roleClaim(), role);
        }
        if (phone != null) {
            builder.claim(settings.phoneClaim(), phone);
        }
        return hmacKey != null ? builder.signWith(hmacKey) : builder.signWith(privateKey);
    }
}
