package school.activity.broadcaster.feed;

import java.time.Instant;
import java.util.function.Supplier;

import school.activity.broadcaster.support.Lazy;

/**
 * The JSON texts one tick of one channel may send, shared by all of its sessions. Each is serialised at most once,
 * when the first session needs it: a channel without delta sessions never builds a delta.
 *
 * @param seq       the tick's number on its channel (from 1, one more per tick)
 * @param timestamp the messages' {@code timestamp}
 */
public record TickPayloads(long seq, Instant timestamp, Lazy<String> snapshot, Lazy<String> sequencedSnapshot,
        Lazy<String> delta) {

    /** A channel that only has one message per tick (the summary): every choice is that message. */
    public static TickPayloads snapshotOnly(long seq, Instant timestamp, Supplier<String> text) {
        Lazy<String> only = Lazy.of(text);
        return new TickPayloads(seq, timestamp, only, only, only);
    }

    public String text(FrameChoice choice) {
        return switch (choice) {
            case SNAPSHOT -> snapshot.get();
            case SEQUENCED_SNAPSHOT -> sequencedSnapshot.get();
            case DELTA -> delta.get();
        };
    }
}
