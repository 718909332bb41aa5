package school.activity.broadcaster.channel;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;

import org.springframework.web.socket.WebSocketSession;

import school.activity.broadcaster.feed.FrameChoice;
import school.activity.broadcaster.feed.StreamMode;
import school.activity.broadcaster.snapshot.Frame;

/**
 * One session's delivery state. Sends are asynchronous native sends, one in flight at a time; the newest tick's
 * frame waits behind it (an older waiting frame is obsolete and replaced). A session whose send has lasted longer
 * than the time limit, or whose bytes in flight plus waiting exceed the buffer limit, is dropped. Decisions are taken
 * under this object's lock, the container is called outside it.
 * <p>
 * Which of a tick's shared frames the session gets is {@link FrameChoice#choose}, against the seq of the frame it
 * will hold when this one arrives: the one in flight, or the last one sent. A delta-mode session whose waiting
 * frame was replaced has missed that tick, so it gets the next full snapshot, never a delta on a base it lacks.
 */
public final class Subscriber {

    private final WebSocketSession session;
    private final RemoteEndpoint.Async remote;
    private final Admission.Ticket ticket;
    private final Channel channel;
    private final long sendTimeLimitNanos;
    private final long sendBufferLimit;
    private final Instant tokenExpiresAt;
    private final StreamMode mode;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Frame inFlight;
    private long inFlightSinceNanos;
    private Frame waiting;
    private long lastOffered;
    /** The seq of the frame in flight, or else of the last one sent. */
    private long heldSeq = FrameChoice.NOTHING_HELD;
    private boolean awaitingPong;

    /** @param tokenExpiresAt when the session must end (token expiry or longest session lifetime), or null (open mode) */
    Subscriber(WebSocketSession session, RemoteEndpoint.Async remote, Admission.Ticket ticket, Channel channel,
            long sendTimeLimitNanos, long sendBufferLimit, Instant tokenExpiresAt, StreamMode mode) {
        this.session = session;
        this.remote = remote;
        this.ticket = ticket;
        this.channel = channel;
        this.sendTimeLimitNanos = sendTimeLimitNanos;
        this.sendBufferLimit = sendBufferLimit;
        this.tokenExpiresAt = tokenExpiresAt;
        this.mode = mode;
    }

    public String id() {
        return session.getId();
    }

    WebSocketSession session() {
        return session;
    }

    Admission.Ticket ticket() {
        return ticket;
    }

    /** True once the token the session was opened with is no longer valid, or the session has lasted its longest. */
    boolean tokenExpiredAt(Instant now) {
        return tokenExpiresAt != null && now.isAfter(tokenExpiresAt);
    }

    /**
     * Hands a tick to this session without blocking; a tick already offered is ignored. A session whose token has
     * expired by the tick's time gets no more frames: it is closed instead (1008), so the channel's data never
     * reaches a token past its lifetime, and no separate sweep over the sessions is needed.
     */
    void offer(ChannelTick tick) {
        if (tokenExpiredAt(tick.timestamp())) {
            channel.drop(this, DropReason.TOKEN_EXPIRED);
            return;
        }
        long now = System.nanoTime();
        Frame toSend = null;
        DropReason drop = null;
        synchronized (this) {
            if (closed.get() || tick.seq() <= lastOffered) {
                return;
            }
            lastOffered = tick.seq();
            if (inFlight == null) {
                Frame frame = frameOf(tick);
                inFlight = frame;
                inFlightSinceNanos = now;
                heldSeq = frame.sequence();
                toSend = frame;
            } else if (now - inFlightSinceNanos >= sendTimeLimitNanos) {
                drop = DropReason.SEND_TIME_LIMIT;
            } else {
                // Chosen against the frame in flight: a waiting frame this one replaces is a tick the client misses.
                Frame frame = frameOf(tick);
                if ((long) inFlight.bytes() + frame.bytes() > sendBufferLimit) {
                    drop = DropReason.SEND_BUFFER_LIMIT;
                } else {
                    waiting = frame;
                }
            }
        }
        if (toSend != null) {
            send(toSend);
        } else if (drop != null) {
            channel.drop(this, drop);
        }
    }

    /** Under the lock: the tick's shared frame for this session ({@link FrameChoice#choose}). */
    private Frame frameOf(ChannelTick tick) {
        FrameChoice choice = FrameChoice.choose(mode, heldSeq, tick.seq());
        if (choice == FrameChoice.SEQUENCED_SNAPSHOT && heldSeq != FrameChoice.NOTHING_HELD) {
            channel.metrics().deltaResynced();
        }
        return tick.frame(choice);
    }

    private void send(Frame frame) {
        try {
            TextFrameSender.send(remote, frame, result -> sent(frame, result));
        } catch (RuntimeException e) {
            // The container refuses sends on a closing session (IllegalStateException).
            channel.drop(this, DropReason.SEND_FAILED);
        }
    }

    /** Completion of a send, on a container thread. */
    private void sent(Frame frame, SendResult result) {
        if (!result.isOK()) {
            channel.drop(this, result.getException() instanceof SocketTimeoutException
                    ? DropReason.SEND_TIME_LIMIT : DropReason.SEND_FAILED);
            return;
        }
        channel.metrics().bytesSent(frame.bytes());
        Frame next;
        synchronized (this) {
            inFlight = null;
            next = closed.get() ? null : waiting;
            waiting = null;
            if (next != null) {
                inFlight = next;
                inFlightSinceNanos = System.nanoTime();
                heldSeq = next.sequence();
            }
        }
        if (next != null) {
            send(next);
        }
    }

    /**
     * Sends a ping unless a frame is in flight (the send limits watch that session). Blocks only if a send starts
     * concurrently, for at most the session's blocking send timeout: run it off the tick threads.
     *
     * @return false when the peer has not answered the previous ping or the ping could not be sent
     */
    boolean ping() {
        synchronized (this) {
            if (closed.get() || inFlight != null) {
                return true;
            }
            if (awaitingPong) {
                return false;
            }
            awaitingPong = true;
        }
        try {
            remote.sendPing(ByteBuffer.allocate(0));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    synchronized void pongReceived() {
        awaitingPong = false;
    }

    /** Marks the session gone; true only for the first caller, who then does the clean-up. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }
}
