package school.activity.shared.token;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.Keys;
import io.jsonwebtoken.security.WeakKeyException;

/** Turns the configured secret or PEM into a key, refusing weak or unreadable ones at start-up. */
final class KeyMaterial {

    static final int MIN_HMAC_BITS = 256;

    private KeyMaterial() {
    }

    static SecretKey hmacKey(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("activity.jwt.secret or activity.jwt.public-key must be set");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length * 8 < MIN_HMAC_BITS) {
            throw new IllegalArgumentException("activity.jwt.secret is " + bytes.length * 8
                    + " bits; at least " + MIN_HMAC_BITS + " bits (32 bytes) are required");
        }
        try {
            return Keys.hmacShaKeyFor(bytes);
        } catch (WeakKeyException e) {
            throw new IllegalArgumentException("activity.jwt.secret is too weak: " + e.getMessage(), e);
        }
    }

    static PublicKey publicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activity.jwt.public-key is not a PEM public key", e);
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (InvalidKeySpecException | NoSuchAlgorithmException notThisAlgorithm) {
                // try the next one
            }
        }
        throw new IllegalArgumentException("activity.jwt.public-key is neither an RSA nor an EC public key");
    }
}
