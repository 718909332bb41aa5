package school.activity.broadcaster.fanout;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tick's frames, reference-counted: one count for being the channel's current picture, one for each event loop
 * task still writing it. The frames are released with the last count.
 */
final class Broadcast {

    private final Tick tick;
    private final SharedFrame[] frames;
    private final AtomicInteger references = new AtomicInteger(1);

    Broadcast(Tick tick, MessageDeflater deflater) {
        this.tick = tick;
        this.frames = tick.messages().stream().map(message -> SharedFrame.of(message, deflater))
                .toArray(SharedFrame[]::new);
    }

    Tick tick() {
        return tick;
    }

    SharedFrame frame(int index) {
        return frames[index];
    }

    SharedFrame full() {
        return frames[0];
    }

    Broadcast retain() {
        references.incrementAndGet();
        return this;
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            for (SharedFrame frame : frames) {
                frame.release();
            }
        }
    }
}
