package school.activity.testinfra;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.AbstractSerializer;
import io.jsonwebtoken.security.Keys;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mints tokens the services' verifier accepts, for tests, the demo school and the load and fault tools. The platform
 * issues the real ones, so nothing that ships in a service's jar can mint. Self-contained (jjwt on Jackson 3), so
 * shared-model's own tests can use it without a module cycle.
 */
public final class TokenIssuer {

    /** Lifetime of a token from {@link #builder}, which callers may change or (to test refusals) remove. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final SecretKey hmacKey;
    private final PrivateKey privateKey;
    private final Claims claims;

    /**
     * Where the user id, role and phone go: the names the verifier reads ({@code activity.jwt.*-claim}).
     *
     * @param userId claim holding the numeric user id; {@code sub} carries it as a numeric string
     */
    public record Claims(String userId, String role, String phone) {
        public static final Claims DEFAULT = new Claims("sub", "role", "phone");
    }

    private TokenIssuer(SecretKey hmacKey, PrivateKey privateKey, Claims claims) {
        this.hmacKey = hmacKey;
        this.privateKey = privateKey;
        this.claims = claims;
    }

    /** HMAC tokens with the default claim names; jjwt refuses a secret shorter than 256 bits, as the verifier does. */
    public static TokenIssuer hmac(String secret) {
        return hmac(secret, Claims.DEFAULT);
    }

    public static TokenIssuer hmac(String secret, Claims claims) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no HMAC secret (ACTIVITY_JWT_SECRET)");
        }
        return new TokenIssuer(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), null, claims);
    }

    /** Signs with an RSA or EC private key (RS256/ES256 and kin, chosen by jjwt from the key). */
    public static TokenIssuer withPrivateKey(PrivateKey key, Claims claims) {
        return new TokenIssuer(null, key, claims);
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
        JwtBuilder builder = Jwts.builder().json(new JacksonWriter())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(DEFAULT_LIFETIME)));
        if (claims.userId().equals("sub")) {
            builder.subject(Long.toString(userId));
        } else {
            builder.claim(claims.userId(), userId);
        }
        if (role != null) {
            builder.claim(claims.role(), role);
        }
        if (phone != null) {
            builder.claim(claims.phone(), phone);
        }
        return hmacKey != null ? builder.signWith(hmacKey) : builder.signWith(privateKey);
    }

    /** jjwt's own JSON module is on Jackson 2; the project's one JSON library is Jackson 3. */
    private static final class JacksonWriter extends AbstractSerializer<Map<String, ?>> {
        private static final JsonMapper MAPPER = JsonMapper.builder().build();

        @Override
        protected void doSerialize(Map<String, ?> value, OutputStream out) {
            MAPPER.writeValue(out, value);
        }
    }
}
