package school.activity.tracker.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Large bodies generated on the fly (never held in memory) and their digests. */
final class Streams {

    private static final long SEED = 20_240_501L;

    private Streams() {
    }

    /** The same pseudo-random bytes every time, {@code size} of them, produced as they are read. */
    static InputStream generated(long size) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(SEED);
            private long remaining = size;

            @Override
            public int read() {
                if (remaining == 0) {
                    return -1;
                }
                remaining--;
                return random.nextInt(256);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (remaining == 0) {
                    return -1;
                }
                int count = (int) Math.min(length, remaining);
                for (int i = 0; i < count; i++) {
                    buffer[offset + i] = (byte) random.nextInt(256);
                }
                remaining -= count;
                return count;
            }
        };
    }

    static String generatedDigest(long size) throws IOException {
        try (InputStream in = generated(size)) {
            return digest(in);
        }
    }

    static String digest(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
        return hex(digest.digest());
    }

    static String sha256(byte[] bytes) {
        return hex(newDigest().digest(bytes));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
