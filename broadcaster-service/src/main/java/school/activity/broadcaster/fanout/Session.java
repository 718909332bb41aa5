package school.activity.broadcaster.fanout;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One client connection and its delivery state. Everything but {@link #closed} is touched only on the
 * connection's event loop, so no lock is taken per frame.
 */
final class Session {

    final Channel connection;
    final WebsocketOutbound outbound;
    final FanoutChannel channel;
    final boolean deflate;
    final MessageChoice choice;
    private final Runnable release;
    private final Instant expiresAt;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Position in its {@link LoopSessions}, -1 when not in one. */
    int index = -1;
    /** The sequence of the last tick written to it; 0 before the first (ticks count from 1). */
    long lastSequence;
    long lastWriteNanos;
    boolean awaitingPong;
    /** Bytes of the client message being received (fragments add up). */
    long incomingBytes;

    Session(Channel connection, WebsocketOutbound outbound, SessionSpec spec, boolean deflate) {
        this.connection = connection;
        this.outbound = outbound;
        this.channel = spec.channel();
        this.release = spec.release();
        this.expiresAt = spec.expiresAt();
        this.choice = spec.choice();
        this.deflate = deflate;
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** True only for the first caller, who then retires the session. */
    boolean markClosed() {
        if (closed.compareAndSet(false, true)) {
            release.run();
            return true;
        }
        return false;
    }
}
