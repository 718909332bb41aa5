package school.activity.shared.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the token rules (fault scenario 8, docs/reliability.md). Whatever the input, the
 * verifier answers Accepted or Rejected and never throws; a token it accepts names a user the database can hold
 * and has an expiry.
 * The fuzzer shapes raw tokens, claims signed with the real secret (the claim handling behind the signature) and
 * header plus claims signed with a public key's PEM (key confusion). Without JAZZER_FUZZ the test replays its
 * corpus only; the build fuzzes each for a short budget
 * (surefire executions in shared-model/pom.xml: Jazzer fuzzes one test per JVM).
 */
class TokenVerifierFuzzTest {

    private static final String SECRET = "fuzz-test-secret-of-more-than-256-bits-0123456789";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final TokenVerifier HMAC = new TokenVerifier(TokenSettings.hmac(SECRET));
    private static final String PUBLIC_PEM = publicPem();
    private static final TokenVerifier RSA = new TokenVerifier(TokenSettings.publicKey(PUBLIC_PEM));

    @FuzzTest(maxDuration = "10s")
    void neverThrowsAndOnlyAcceptsUsersTheDatabaseCanHold(FuzzedDataProvider data) {
        switch (data.consumeInt(0, 3)) {
            case 0 -> {
                String header = data.consumeRemainingAsString();
                check(HMAC.verifyAuthorizationHeader(header));
                check(HMAC.verify(header));
            }
            case 1 -> {
                String claims = data.consumeRemainingAsString();
                check(HMAC.verify(signed(SECRET, "{\"alg\":\"HS256\"}", claims)));
            }
            case 2 -> {
                String header = data.consumeString(200);
                String claims = data.consumeRemainingAsString();
                check(HMAC.verify(signed(SECRET, header, claims)));
            }
            default -> {
                // Key confusion: never accepted, whatever the header and claims say.
                String header = data.consumeString(200);
                String claims = data.consumeRemainingAsString();
                assertThat(RSA.verify(signed(PUBLIC_PEM, header, claims)).acceptedUser()).isEmpty();
            }
        }
    }

    private static void check(TokenVerification verification) {
        assertThat(verification).isNotNull();
        verification.acceptedUser().ifPresent(user -> assertThat(user.userId()).isBetween(1L, (long) Integer.MAX_VALUE));
        if (verification instanceof TokenVerification.Accepted accepted) {
            // Expiry is required by default: an accepted token always ends.
            assertThat(accepted.expiry()).isPresent();
        }
        if (verification instanceof TokenVerification.Rejected rejected) {
            assertThat(rejected.reason().description()).isNotBlank();
        }
    }

    private static String signed(String key, String header, String claims) {
        String input = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
