package school.activity.broadcaster.snapshot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One encoded channel message, shared by every session of the channel. It is encoded to UTF-8 once, into a
 * read-only direct buffer that every session sends from (a view each), so a tick costs one encoding and no copy per
 * session however many sessions there are.
 *
 * @param sequence     increases with every frame of a channel, so a session never gets the same frame twice
 * @param text         the JSON text sent as one WebSocket text message
 * @param utf8         its UTF-8 bytes; never consumed: senders take {@link #payload()}
 * @param timestamp    the message's {@code timestamp}
 * @param createdNanos {@link System#nanoTime()} when it was built, to judge its freshness
 */
public record Frame(long sequence, String text, ByteBuffer utf8, Instant timestamp, long createdNanos) {

    public static Frame encode(long sequence, String text, Instant timestamp, long createdNanos) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer utf8 = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
        return new Frame(sequence, text, utf8, timestamp, createdNanos);
    }

    /** The UTF-8 size of the text. */
    public int bytes() {
        return utf8.remaining();
    }

    /** The UTF-8 bytes as a buffer of the caller's own (shared content, own position). */
    public ByteBuffer payload() {
        return utf8.duplicate();
    }

    public long ageNanos(long nowNanos) {
        return nowNanos - createdNanos;
    }
}
