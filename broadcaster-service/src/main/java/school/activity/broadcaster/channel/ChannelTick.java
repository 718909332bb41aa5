package school.activity.broadcaster.channel;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import school.activity.broadcaster.feed.FrameChoice;
import school.activity.broadcaster.feed.TickPayloads;
import school.activity.broadcaster.snapshot.Frame;
import school.activity.broadcaster.support.Lazy;

/**
 * One tick of a channel as frames: each of its payloads is encoded once, when the first session needs it, and that
 * frame is shared by every session that gets the same choice.
 */
final class ChannelTick {

    private final TickPayloads payloads;
    private final long createdNanos;
    private final Map<FrameChoice, Lazy<Frame>> frames = new EnumMap<>(FrameChoice.class);

    ChannelTick(TickPayloads payloads, long createdNanos, ChannelMetrics metrics) {
        this.payloads = payloads;
        this.createdNanos = createdNanos;
        for (FrameChoice choice : FrameChoice.values()) {
            frames.put(choice, Lazy.of(() -> {
                Frame frame = Frame.encode(payloads.seq(), payloads.text(choice), payloads.timestamp(), createdNanos);
                metrics.frameBuilt(choice, frame.bytes());
                return frame;
            }));
        }
    }

    long seq() {
        return payloads.seq();
    }

    Instant timestamp() {
        return payloads.timestamp();
    }

    long createdNanos() {
        return createdNanos;
    }

    long ageNanos(long nowNanos) {
        return nowNanos - createdNanos;
    }

    Frame frame(FrameChoice choice) {
        return frames.get(choice).get();
    }
}
