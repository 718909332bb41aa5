package school.activity.broadcaster.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.config.BroadcastProperties;
import school.activity.broadcaster.feed.ChannelFeed;
import school.activity.broadcaster.feed.TickPayloads;
import school.activity.broadcaster.support.OutageLog;
import school.activity.shared.contract.Timestamps;

/**
 * Every interval, for each channel with sessions: one query, then one tick whose frames (snapshot, and for delta
 * sessions the delta or the snapshot with seq) are each serialised once and shared by every session that gets
 * them. A database error skips the tick and keeps every connection. Queries run on a thread per channel (a slow one
 * never delays another); frames are built and sent by one fan-out thread, one channel after the other: with the three
 * channels' sends running side by side on 2 cores, 9000 clients had p99 709 ms; from one thread 275 ms (the
 * single-threaded {@code ws} peer 242 ms in the same run; {@code scripts/bench/fanout.sh}).
 */
@Component
public class BroadcastTicker {

    private static final Logger log = LoggerFactory.getLogger(BroadcastTicker.class);
    /** A frame younger than this many intervals is the channel's current picture and goes to a new session at once. */
    private static final int FRESH_INTERVALS = 2;

    private final Channels channels;
    private final ScheduledExecutorService scheduler;
    private final Executor fanout;
    private final long intervalMillis;
    private final long freshNanos;
    private final OutageLog outage = new OutageLog(log, "channel snapshot query");
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private volatile boolean stopped;

    public BroadcastTicker(Channels channels, ScheduledExecutorService activityScheduler,
            @Qualifier("activityFanout") Executor fanout, BroadcastProperties properties) {
        this.channels = channels;
        this.scheduler = activityScheduler;
        this.fanout = fanout;
        this.intervalMillis = properties.interval().toMillis();
        this.freshNanos = properties.interval().toNanos() * FRESH_INTERVALS;
    }

    synchronized void start() {
        stopped = false;
        for (Channel channel : channels.all()) {
            scheduled.add(scheduler.scheduleAtFixedRate(() -> scheduledTick(channel), intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS));
        }
    }

    synchronized void stop() {
        stopped = true;
        scheduled.forEach(future -> future.cancel(false));
        scheduled.clear();
    }

    /** A new session gets the current tick at once, or a tick is run for it now. */
    void welcome(Channel channel, Subscriber subscriber) {
        ChannelTick tick = channel.current();
        if (tick != null && tick.ageNanos(System.nanoTime()) <= freshNanos) {
            subscriber.offer(tick);
        } else {
            requestRefresh(channel);
        }
    }

    void requestRefresh(Channel channel) {
        long requestedNanos = System.nanoTime();
        try {
            scheduler.execute(() -> {
                // A frame built after the request has gone to every session that had joined by then: without this
                // check each request still queued behind busy scheduler threads (a storm of joins) ran a tick of
                // its own once it got a thread: up to 19 per channel per interval in one measured storm.
                if (builtSince(channel, requestedNanos)) {
                    return;
                }
                if (channel.tickGate().requestRefreshAndTryEnter()) {
                    runWhileOwned(channel);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("refresh of {} not scheduled: shutting down", channel.name().tag());
        }
    }

    private static boolean builtSince(Channel channel, long nanos) {
        ChannelTick tick = channel.current();
        return tick != null && tick.createdNanos() - nanos > 0;
    }

    private void scheduledTick(Channel channel) {
        if (!channel.hasSubscribers()) {
            return;
        }
        if (!channel.tickGate().tryEnterScheduled()) {
            channel.metrics().tickSkipped();
            return;
        }
        runWhileOwned(channel);
    }

    private void runWhileOwned(Channel channel) {
        do {
            channel.tickGate().beforeRun();
            tick(channel);
        } while (channel.tickGate().exitAndReenter());
    }

    /** Never throws: an exception would cancel the channel's schedule. */
    private void tick(Channel channel) {
        if (stopped || !channel.hasSubscribers()) {
            return;
        }
        long start = System.nanoTime();
        try {
            ChannelFeed.Pending pending = channel.metrics().queryDuration().recordCallable(channel.feed()::load);
            outage.succeeded();
            // The tick (and its gate) lasts until the frame is out: refresh requests queued meanwhile then find it.
            // Interruptible: at shutdown the fan-out thread may drop the send this thread waits for.
            CompletableFuture.runAsync(() -> send(channel, pending, start), fanout).get();
        } catch (RejectedExecutionException e) {
            log.debug("frame of {} not sent: shutting down", channel.name().tag());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            tickFailed(channel, e);
        }
    }

    /**
     * On the fan-out thread: the tick is built right before its sends, as the {@code ws} peer does, so its
     * timestamp says when it went out, not when it began to wait behind another channel's sends. Its frames are
     * serialised by the first session that needs each.
     */
    private void send(Channel channel, ChannelFeed.Pending pending, long tickStartNanos) {
        try {
            TickPayloads payloads = pending.encode(Timestamps.truncate(Instant.now()));
            channel.publish(new ChannelTick(payloads, System.nanoTime(), channel.metrics()));
            channel.metrics().broadcastDuration().record(System.nanoTime() - tickStartNanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            // Not a database error: its message may hold user data, so only its type is logged.
            channel.metrics().tickFailed();
            log.warn("frame of {} not sent: {}", channel.name().tag(), e.getClass().getName());
        }
    }

    private void tickFailed(Channel channel, Exception e) {
        channel.metrics().tickFailed();
        outage.failed(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
    }
}
