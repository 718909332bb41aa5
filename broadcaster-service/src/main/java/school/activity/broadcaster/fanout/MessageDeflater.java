package school.activity.broadcaster.fanout;

import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Compresses one message for permessage-deflate with {@code server_no_context_takeover} (RFC 7692 7.2.1): a fresh
 * raw deflate stream per message, flushed with SYNC_FLUSH and its trailing {@code 00 00 FF FF} removed. A client
 * inflates it with any window of at least {@link #WINDOW_BITS}, which is the JDK's only window.
 */
final class MessageDeflater {

    /** The window the JDK's Deflater always uses. */
    static final int WINDOW_BITS = 15;
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int MIN_BUFFER = 64;

    private final int level;

    MessageDeflater(int level) {
        this.level = level;
    }

    /** The compressed payload (the RSV1 frame's content). */
    byte[] deflate(byte[] message) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(message);
            byte[] out = new byte[Math.max(MIN_BUFFER, message.length / 4)];
            int length = 0;
            while (true) {
                length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
                if (length < out.length) {
                    break;
                }
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (length >= TAIL.length && Arrays.equals(out, length - TAIL.length, length, TAIL, 0, TAIL.length)) {
                length -= TAIL.length;
            }
            return Arrays.copyOf(out, length);
        } finally {
            deflater.end();
        }
    }
}
