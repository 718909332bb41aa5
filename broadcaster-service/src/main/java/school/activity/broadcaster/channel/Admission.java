package school.activity.broadcaster.channel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connection limit of one channel. A slot is reserved at the handshake, before the upgrade, with a
 * compare-and-set loop, so a storm of concurrent handshakes never admits one more than the limit; the slot is given
 * back exactly once, whichever of handshake failure, close or drop comes first.
 */
public final class Admission {

    private final int limit;
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile boolean closed;

    public Admission(int limit) {
        this.limit = limit;
    }

    /** A reserved slot, or null when the channel is full or shutting down. */
    public Ticket tryAdmit() {
        while (!closed) {
            int current = admitted.get();
            if (current >= limit) {
                return null;
            }
            if (admitted.compareAndSet(current, current + 1)) {
                return new Ticket();
            }
        }
        return null;
    }

    /** Refuse every further handshake (shutdown). */
    public void close() {
        closed = true;
    }

    /** Admit again after a stop that was followed by a start (a paused context resumed). */
    public void open() {
        closed = false;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Slots held: open sessions plus handshakes in progress. */
    public int admitted() {
        return admitted.get();
    }

    public int limit() {
        return limit;
    }

    /** One reserved slot. */
    public final class Ticket {

        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket() {
        }

        /** Gives the slot back; later calls do nothing. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                admitted.decrementAndGet();
            }
        }
    }
}
