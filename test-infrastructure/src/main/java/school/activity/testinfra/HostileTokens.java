package school.activity.testinfra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens no verifier may accept, for the hostile-input tests of both services (fault scenario 8 in
 * docs/reliability.md): unsigned, key-confused, wrongly signed, expired, without expiry, not yet valid, tampered,
 * compressed, 64 KB,
 * random bytes and random mutations of a genuine token. Built with the JDK alone, so no token library's own
 * checks shape what is sent. Deterministic for a given seed.
 */
public final class HostileTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final int LARGE = 64 * 1024;
    private static final String PEM_LIKE_KEY = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"
            + "u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zk"
            + "p18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjy"
            + "kkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4"
            + "rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB\n-----END PUBLIC KEY-----\n";

    private HostileTokens() {
    }

    /**
     * @param secret  the HMAC secret the service under test trusts (for tokens that are well signed but otherwise
     *                refused: expired, not yet valid, wrong algorithm header, tampered after signing)
     * @param userId  the user every token claims to be, so a test can check that this user was never tracked
     * @param role    the role every token claims (one the service would admit)
     * @param random  how many random and mutated tokens to add to the fixed kinds
     */
    public static List<String> generate(String secret, long userId, String role, int random, long seed) {
        Random rnd = new Random(seed);
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"" + userId + "\",\"role\":\"" + role + "\",\"iat\":" + now + ",\"exp\":"
                + (now + 3600) + "}";
        String genuine = sign(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256");
        List<String> tokens = new ArrayList<>();
        // Unsigned, in the spellings libraries have been fooled by.
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String unsigned = part("{\"alg\":\"" + alg + "\"}") + "." + part(claims) + ".";
            tokens.add(unsigned);
            tokens.add(unsigned + genuine.substring(genuine.lastIndexOf('.') + 1));
        }
        // Key confusion: an RS256/ES256 header over an HMAC signature, and HS256 keyed with a public key's PEM.
        tokens.add(sign(secret, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256"));
        tokens.add(sign(secret, "{\"alg\":\"ES256\",\"typ\":\"JWT\"}", claims, "HmacSHA256"));
        tokens.add(sign(PEM_LIKE_KEY, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, "HmacSHA256"));
        // An attacker's own key offered in the header.
        tokens.add(sign("attacker-key-attacker-key-attacker-key-0123",
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + part("attacker-key-attacker-key-attacker-key-0123")
                        + "\"}}", claims, "HmacSHA256"));
        tokens.add(sign("another-secret-that-is-long-enough-0123456789", "{\"alg\":\"HS256\"}", claims, "HmacSHA256"));
        tokens.add(sign(secret, "{\"alg\":\"HS256\"}", claims.replace("\"exp\":" + (now + 3600), "\"exp\":" + (now - 3600)),
                "HmacSHA256"));
        tokens.add(sign(secret, "{\"alg\":\"HS256\"}", claims.replace("}", ",\"nbf\":" + (now + 3600) + "}"),
                "HmacSHA256"));
        // Well signed, but without exp: it would live forever if it leaked.
        tokens.add(sign(secret, "{\"alg\":\"HS256\"}", claims.replace(",\"exp\":" + (now + 3600), ""), "HmacSHA256"));
        // Well signed, but a user id the database cannot hold or none at all.
        tokens.add(sign(secret, "{\"alg\":\"HS256\"}", claims.replace("\"sub\":\"" + userId + "\"",
                "\"sub\":\"99999999999999999999\""), "HmacSHA256"));
        tokens.add(sign(secret, "{\"alg\":\"HS256\"}", claims.replace("\"sub\":\"" + userId + "\"",
                "\"sub\":\"-" + userId + "\""), "HmacSHA256"));
        tokens.add(sign(secret, "{\"alg\":\"HS256\"}", claims.replace("\"sub\":\"" + userId + "\",", ""),
                "HmacSHA256"));
        // Compressed payload (a decompression bomb if a library inflated before checking the signature).
        tokens.add(part("{\"alg\":\"HS256\",\"zip\":\"DEF\"}") + "." + URL.encodeToString(new byte[LARGE / 8]) + "."
                + genuine.substring(genuine.lastIndexOf('.') + 1));
        // A genuine signature over another payload, and a genuine token with its signature cut.
        String[] parts = genuine.split("\\.");
        tokens.add(parts[0] + "." + part(claims.replace("\"sub\":\"" + userId, "\"sub\":\"" + (userId + 1))) + "."
                + parts[2]);
        tokens.add(parts[0] + "." + parts[1] + ".");
        tokens.add(parts[0] + "." + parts[1]);
        // Huge: 64 KB of base64url, and a well-formed token with a 64 KB payload.
        tokens.add("A".repeat(LARGE));
        tokens.add(parts[0] + "." + part(claims.replace("}", ",\"pad\":\"" + "x".repeat(LARGE) + "\"}")) + "."
                + parts[2]);
        tokens.addAll(List.of("", ".", "..", "...", "a.b.c", "null", "{}", "%00", "\u0000", "Bearer", "\u202e\u0000\uffff"));
        for (int i = 0; i < random; i++) {
            tokens.add(switch (i % 4) {
                case 0 -> randomBytes(rnd);
                case 1 -> randomSegments(rnd);
                default -> mutate(genuine, rnd);
            });
        }
        return tokens;
    }

    /** Random bytes read as ISO-8859-1 (every byte value becomes one char). */
    private static String randomBytes(Random rnd) {
        byte[] bytes = new byte[1 + rnd.nextInt(512)];
        rnd.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String randomSegments(Random rnd) {
        StringBuilder token = new StringBuilder();
        for (int segment = 0; segment < 3; segment++) {
            byte[] bytes = new byte[rnd.nextInt(96)];
            rnd.nextBytes(bytes);
            token.append(segment == 0 ? "" : ".").append(URL.encodeToString(bytes));
        }
        return token.toString();
    }

    /**
     * Changes one character of a genuine token at a position that always alters the decoded bytes (never the last
     * character of a segment, whose spare bits could leave them unchanged), so the result must be refused.
     */
    private static String mutate(String genuine, Random rnd) {
        char[] chars = genuine.toCharArray();
        int position;
        do {
            position = rnd.nextInt(chars.length);
        } while (chars[position] == '.' || position + 1 == chars.length || chars[position + 1] == '.');
        char replacement;
        do {
            replacement = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(rnd.nextInt(64));
        } while (replacement == chars[position]);
        chars[position] = replacement;
        return new String(chars);
    }

    private static String sign(String secret, String header, String claims, String algorithm) {
        String signingInput = part(header) + "." + part(claims);
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
