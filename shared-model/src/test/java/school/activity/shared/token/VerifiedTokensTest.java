package school.activity.shared.token;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final long NOW = 1_000_000;
    private static final TokenVerification.Accepted USER =
            new TokenVerification.Accepted(new AuthenticatedUser(1, "student", null), null);

    @Test
    void aFullCacheDropsExpiredTokensAndKeepsValidOnes() {
        VerifiedTokens tokens = new VerifiedTokens(4);
        tokens.put("valid", USER, NOW + 60_000, NOW);
        for (int i = 0; i < 3; i++) {
            tokens.put("expiring-" + i, USER, NOW + 10, NOW);
        }

        tokens.put("new", USER, NOW + 60_000, NOW + 20);

        assertThat(tokens.get("valid", NOW + 20)).isEqualTo(USER);
        assertThat(tokens.get("new", NOW + 20)).isEqualTo(USER);
        assertThat(tokens.get("expiring-0", NOW)).isNull();
    }

    @Test
    void aCacheFullOfValidTokensStartsOver() {
        VerifiedTokens tokens = new VerifiedTokens(4);
        for (int i = 0; i < 4; i++) {
            tokens.put("valid-" + i, USER, NOW + 60_000, NOW);
        }

        tokens.put("new", USER, NOW + 60_000, NOW);

        assertThat(tokens.get("new", NOW)).isEqualTo(USER);
        assertThat(tokens.get("valid-0", NOW)).isNull();
    }

    @Test
    void aCacheOfNoTokensRemembersNothing() {
        VerifiedTokens tokens = new VerifiedTokens(0);
        tokens.put("token", USER, NOW + 60_000, NOW);

        assertThat(tokens.get("token", NOW)).isNull();
    }
}
