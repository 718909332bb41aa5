package school.activity.broadcaster.fanout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one channel, grouped by event loop, and its current tick. A tick's frames are built once; each
 * event loop then gets ONE task that writes a view of the shared frame to every session of that loop and flushes.
 * A session whose connection is still above the write-buffer high-water mark skips the tick (the next tick is a
 * full picture anyway); one that stays so past the send time limit, or queues more than the send buffer limit, is
 * dropped.
 */
public final class FanoutChannel {

    private static final Logger log = LoggerFactory.getLogger(FanoutChannel.class);
    /** A tick younger than this many intervals is the channel's current picture and goes to a new session at once. */
    private static final int FRESH_INTERVALS = 2;

    private final String name;
    private final FanoutProperties properties;
    private final MessageDeflater deflater;
    private final FanoutMetrics metrics;
    private final long sendTimeLimitNanos;
    private final long sendBufferLimit;
    private final long maxIncoming;
    private final ConcurrentHashMap<EventLoop, LoopSessions> loops = new ConcurrentHashMap<>();
    private volatile long freshNanos;
    private volatile Runnable refresh = () -> { };
    private Broadcast current;

    FanoutChannel(String name, FanoutProperties properties, MessageDeflater deflater, FanoutMetrics metrics) {
        this.name = name;
        this.properties = properties;
        this.deflater = deflater;
        this.metrics = metrics;
        this.sendTimeLimitNanos = properties.sendTimeLimit().toNanos();
        this.sendBufferLimit = properties.sendBufferLimit().toBytes();
        this.maxIncoming = properties.maxIncomingMessageSize().toBytes();
    }

    public String name() {
        return name;
    }

    /**
     * @param interval  time between ticks: a tick younger than two intervals goes to a new session at once
     * @param onStale   asked to run a tick now when a session joins and there is no fresh one
     */
    public void onStale(Duration interval, Runnable onStale) {
        this.freshNanos = interval.toNanos() * FRESH_INTERVALS;
        this.refresh = onStale;
    }

    /** Open sessions. */
    public int sessions() {
        return metrics.sessions();
    }

    public boolean hasSessions() {
        return sessions() > 0;
    }

    /**
     * Builds the tick's frames (compressed too while any session negotiated compression), makes them the current
     * picture and writes them to every session. The future completes once every event loop has written them.
     */
    public CompletableFuture<Void> publish(Tick tick) {
        Broadcast broadcast = new Broadcast(tick, metrics.deflateSessions.get() > 0 ? deflater : null);
        Broadcast previous;
        synchronized (this) {
            previous = current;
            current = broadcast;
        }
        if (previous != null) {
            previous.release();
        }
        List<CompletableFuture<Void>> written = new ArrayList<>();
        for (LoopSessions group : loops.values()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            broadcast.retain();
            try {
                group.loop.execute(() -> {
                    try {
                        long now = System.nanoTime();
                        group.forEach(session -> deliver(session, broadcast, now));
                    } finally {
                        broadcast.release();
                        done.complete(null);
                    }
                });
            } catch (RejectedExecutionException e) {
                broadcast.release();
                done.complete(null);
            }
            written.add(done);
        }
        return CompletableFuture.allOf(written.toArray(CompletableFuture[]::new));
    }

    /** On the session's loop. */
    private void deliver(Session session, Broadcast broadcast, long now) {
        if (session.isClosed()) {
            return;
        }
        Tick tick = broadcast.tick();
        if (session.expiredAt(tick.timestamp())) {
            drop(session, DropReason.TOKEN_EXPIRED);
            return;
        }
        if (tick.sequence() <= session.lastSequence) {
            return;
        }
        Channel connection = session.connection;
        if (!connection.isWritable()) {
            if (!dropIfStuck(session, now)) {
                metrics.skipped();
            }
            return;
        }
        ByteBuf frame = broadcast.frame(session.choice.choose(tick, session.lastSequence)).forSession(session.deflate);
        int bytes = frame.readableBytes();
        connection.writeAndFlush(frame.retainedDuplicate(), connection.voidPromise());
        session.lastSequence = tick.sequence();
        session.lastWriteNanos = now;
        metrics.sent(session.deflate, bytes);
    }

    /** True when the session was dropped: above the high-water mark too long, or too much queued. */
    private boolean dropIfStuck(Session session, long now) {
        if (now - session.lastWriteNanos >= sendTimeLimitNanos) {
            drop(session, DropReason.SEND_TIME_LIMIT);
            return true;
        }
        if (session.connection.bytesBeforeWritable() > sendBufferLimit) {
            drop(session, DropReason.SEND_BUFFER_LIMIT);
            return true;
        }
        return false;
    }

    /** On the connection's event loop, right after the upgrade. */
    void join(Session session) {
        EventLoop loop = session.connection.eventLoop();
        LoopSessions group = loops.computeIfAbsent(loop, this::newGroup);
        group.add(session);
        metrics.opened(session.deflate);
        session.lastWriteNanos = System.nanoTime();
        session.connection.closeFuture().addListener(closed -> {
            if (session.markClosed()) {
                retire(session);
            }
        });
        welcome(session);
    }

    private LoopSessions newGroup(EventLoop loop) {
        LoopSessions group = new LoopSessions(loop);
        long interval = properties.pingInterval().toMillis();
        group.pings(loop.scheduleAtFixedRate(() -> pingAll(group), interval, interval, TimeUnit.MILLISECONDS));
        return group;
    }

    /** The current tick at once when it is fresh, otherwise a tick is asked for. */
    private void welcome(Session session) {
        Broadcast broadcast;
        synchronized (this) {
            broadcast = current == null ? null : current.retain();
        }
        if (broadcast == null) {
            refresh.run();
            return;
        }
        try {
            if (System.nanoTime() - broadcast.tick().startNanos() <= freshNanos) {
                deliver(session, broadcast, System.nanoTime());
            } else {
                refresh.run();
            }
        } finally {
            broadcast.release();
        }
    }

    /** On the loop: takes the session out of its group; the last session takes the channel's picture with it. */
    private void retire(Session session) {
        LoopSessions group = loops.get(session.connection.eventLoop());
        if (group != null) {
            group.remove(session);
        }
        metrics.closed(session.deflate);
        if (!hasSessions()) {
            forgetIdlePicture();
        }
    }

    /** Ticks skip an empty channel, so its picture would age unseen: the next session gets a fresh query instead. */
    private void forgetIdlePicture() {
        Broadcast previous;
        synchronized (this) {
            previous = current;
            current = null;
        }
        if (previous != null) {
            previous.release();
        }
    }

    /** On the loop: pings every session; closes those that did not answer the previous ping or are stuck. */
    private void pingAll(LoopSessions group) {
        long now = System.nanoTime();
        group.forEach(session -> {
            if (session.isClosed()) {
                return;
            }
            if (!session.connection.isWritable()) {
                // Its queued frame is what the send limits watch; a ping would only wait behind it.
                dropIfStuck(session, now);
            } else if (session.awaitingPong) {
                drop(session, DropReason.NO_PONG);
            } else {
                session.awaitingPong = true;
                session.connection.writeAndFlush(WireFrames.ping(), session.connection.voidPromise());
            }
        });
    }

    /** On the loop: a pong, or a part of a client message (which is ignored, but limited in size). */
    void received(Session session, boolean pong, int bytes, boolean last) {
        if (pong) {
            session.awaitingPong = false;
            return;
        }
        session.incomingBytes += bytes;
        if (session.incomingBytes > maxIncoming) {
            drop(session, DropReason.MESSAGE_TOO_BIG);
        } else if (last) {
            session.incomingBytes = 0;
        }
    }

    /** On the loop: stops delivering, gives the slot back at once, closes the connection. */
    void drop(Session session, DropReason reason) {
        if (!session.markClosed()) {
            return;
        }
        retire(session);
        if (reason != DropReason.SHUTDOWN) {
            metrics.dropped(reason);
            log.debug("dropped a session on {}: {}", name, reason.tag());
        }
        Channel connection = session.connection;
        if (reason.sendsCloseFrame() && connection.isActive()) {
            session.outbound.sendClose(reason.code(), reason.reason()).subscribe(null, e -> connection.close());
            // A client that never answers the close: the connection ends anyway.
            connection.eventLoop().schedule(() -> connection.close(), sendTimeLimitNanos, TimeUnit.NANOSECONDS);
        } else {
            connection.close();
        }
    }

    /** The open sessions' connections, each collected on its own loop. */
    CompletableFuture<List<Channel>> connections() {
        List<CompletableFuture<List<Channel>>> perLoop = new ArrayList<>();
        for (LoopSessions group : loops.values()) {
            CompletableFuture<List<Channel>> found = new CompletableFuture<>();
            group.loop.execute(() -> {
                List<Channel> connections = new ArrayList<>();
                group.forEach(session -> connections.add(session.connection));
                found.complete(connections);
            });
            perLoop.add(found);
        }
        return CompletableFuture.allOf(perLoop.toArray(CompletableFuture[]::new))
                .thenApply(done -> perLoop.stream().flatMap(future -> future.join().stream()).toList());
    }

    /** Closes every session with 1001 Going Away; the future completes when every connection is closed. */
    CompletableFuture<Void> closeAll() {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (LoopSessions group : loops.values()) {
            CompletableFuture<List<ChannelFuture>> dropped = new CompletableFuture<>();
            try {
                group.loop.execute(() -> {
                    List<ChannelFuture> closeFutures = new ArrayList<>();
                    group.cancelPings();
                    group.forEach(session -> {
                        closeFutures.add(session.connection.closeFuture());
                        drop(session, DropReason.SHUTDOWN);
                    });
                    dropped.complete(closeFutures);
                });
            } catch (RejectedExecutionException e) {
                dropped.complete(List.of());
            }
            closes.add(dropped.thenCompose(FanoutChannel::allClosed));
        }
        loops.clear();
        return CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> allClosed(List<ChannelFuture> futures) {
        CompletableFuture<?>[] all = futures.stream().map(future -> {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            future.addListener(f -> closed.complete(null));
            return closed;
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }
}
