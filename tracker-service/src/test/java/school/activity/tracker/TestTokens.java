package school.activity.tracker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import school.activity.testinfra.TokenIssuer;

/** Tokens signed with the secret every test context of this module uses. */
public final class TestTokens {

    public static final String SECRET = "tracker-test-secret-of-more-than-32-bytes-0123456789";
    public static final TokenIssuer ISSUER = TokenIssuer.hmac(SECRET);
    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    public static String valid(long userId, String phone) {
        return ISSUER.issue(userId, "student", phone, LIFETIME);
    }

    /** One of each kind of token the verifier refuses, as Authorization header values. */
    public static Map<String, String> invalidAuthorizations(long user) {
        TokenIssuer issuer = ISSUER;
        Instant now = Instant.now();
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("expired", bearer(issuer.builder(user, "student", "+998900009999")
                .issuedAt(Date.from(now.minus(Duration.ofHours(2))))
                .expiration(Date.from(now.minus(Duration.ofHours(1)))).compact()));
        kinds.put("no expiry", bearer(issuer.builder(user, "student", "+998900009998").expiration(null).compact()));
        kinds.put("not yet valid", bearer(issuer.builder(user, "student", null)
                .notBefore(Date.from(now.plus(Duration.ofHours(1))))
                .expiration(Date.from(now.plus(Duration.ofHours(2)))).compact()));
        kinds.put("wrong signature", bearer(TokenIssuer.hmac(
                "another-secret-that-is-long-enough-0123456789").issue(user, "student", null, Duration.ofHours(1))));
        kinds.put("unsigned", bearer(unsigned("{\"sub\":\"" + user + "\",\"role\":\"student\"}")));
        kinds.put("tampered payload", bearer(tamper(valid(user, null), user + 1)));
        kinds.put("malformed", bearer("not.a.token"));
        kinds.put("garbage", bearer("%%%"));
        kinds.put("no user id", bearer(issuer.builder(user, "student", null).subject(null).compact()));
        kinds.put("non-numeric user id", bearer(issuer.builder(user, "student", null).subject("abc").compact()));
        kinds.put("negative user id", bearer(issuer.builder(user, "student", null).subject("-5").compact()));
        kinds.put("empty bearer", "Bearer ");
        kinds.put("other scheme", "Basic " + valid(user, null));
        return kinds;
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String unsigned(String claims) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The signature of one token on the claims of another user. */
    private static String tamper(String token, long otherUser) {
        String[] parts = token.split("\\.");
        String[] other = valid(otherUser, null).split("\\.");
        return parts[0] + "." + other[1] + "." + parts[2];
    }
}
