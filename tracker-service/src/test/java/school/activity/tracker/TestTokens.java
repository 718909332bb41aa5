package school.activity.tracker;

import java.time.Duration;

import school.activity.shared.token.TokenIssuer;
import school.activity.shared.token.TokenSettings;

/** Tokens signed with the secret every test context of this module uses. */
public final class TestTokens {

    public static final String SECRET = "tracker-test-secret-of-more-than-32-bytes-0123456789";
    public static final TokenIssuer ISSUER = TokenIssuer.hmac(TokenSettings.hmac(SECRET));
    private static final Duration LIFETIME = Duration.ofHours(1);

    private TestTokens() {
    }

    public static String valid(long userId, String phone) {
        return ISSUER.issue(userId, "student", phone, LIFETIME);
    }
}
