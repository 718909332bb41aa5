package school.activity.broadcaster.snapshot;

import java.time.Instant;

/**
 * One encoded channel message, shared by every session of the channel.
 *
 * @param sequence     increases with every frame of a channel, so a session never gets the same frame twice
 * @param text         the JSON text sent as one WebSocket text message
 * @param bytes        its UTF-8 size
 * @param timestamp    the message's {@code timestamp}
 * @param createdNanos {@link System#nanoTime()} when it was built, to judge its freshness
 */
public record Frame(long sequence, String text, int bytes, Instant timestamp, long createdNanos) {

    public long ageNanos(long nowNanos) {
        return nowNanos - createdNanos;
    }
}
