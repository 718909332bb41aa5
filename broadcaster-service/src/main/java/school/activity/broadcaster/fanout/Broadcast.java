package school.activity.broadcaster.fanout;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tick's frames, reference-counted: one count for being the channel's current picture, one for each event loop
 * task still writing it. The frames are released with the last count.
 */
final class Broadcast {

    private final Tick tick;
    private final MessageDeflater deflater;
    private final SharedFrame[] frames;
    private final AtomicInteger references = new AtomicInteger(1);

    /** @param deflater null: no session wants compressed frames */
    Broadcast(Tick tick, MessageDeflater deflater) {
        this.tick = tick;
        this.deflater = deflater;
        this.frames = new SharedFrame[tick.messages().size()];
    }

    Tick tick() {
        return tick;
    }

    /** The message's frames, built by the first caller (on whichever event loop needs them first). */
    synchronized SharedFrame frame(int index) {
        SharedFrame frame = frames[index];
        if (frame == null) {
            frame = SharedFrame.of(tick.messages().get(index).get(), deflater);
            frames[index] = frame;
        }
        return frame;
    }

    Broadcast retain() {
        references.incrementAndGet();
        return this;
    }

    void release() {
        if (references.decrementAndGet() == 0) {
            synchronized (this) {
                for (SharedFrame frame : frames) {
                    if (frame != null) {
                        frame.release();
                    }
                }
            }
        }
    }
}
