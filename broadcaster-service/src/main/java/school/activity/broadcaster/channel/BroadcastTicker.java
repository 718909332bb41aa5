package school.activity.broadcaster.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.feed.ChannelFeed;
import school.activity.broadcaster.feed.TickPayloads;
import school.activity.broadcaster.snapshot.BroadcastProperties;
import school.activity.broadcaster.support.OutageLog;
import school.activity.shared.contract.Timestamps;

/**
 * Every interval, for each channel with sessions: one query, then one tick whose messages (snapshot, and for delta
 * sessions the delta or the snapshot with seq) are each serialised, framed and compressed at most once and written
 * to every session that gets them by the fan-out. A database error skips the tick and keeps every connection.
 * Queries run on a thread per channel, so a slow one never delays another. The messages' {@code timestamp} is when
 * the tick's query began.
 */
@Component
public class BroadcastTicker {

    private static final Logger log = LoggerFactory.getLogger(BroadcastTicker.class);

    private final Channels channels;
    private final ScheduledExecutorService scheduler;
    private final long intervalMillis;
    private final OutageLog outage = new OutageLog(log, "channel snapshot query");
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private volatile boolean stopped;

    public BroadcastTicker(Channels channels, ScheduledExecutorService activityScheduler,
            BroadcastProperties properties) {
        this.channels = channels;
        this.scheduler = activityScheduler;
        this.intervalMillis = properties.interval().toMillis();
        for (Channel channel : channels.all()) {
            channel.sessions().onStale(properties.interval(), () -> requestRefresh(channel));
        }
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

    /** A session joined and the channel has no fresh picture: a tick runs now. */
    void requestRefresh(Channel channel) {
        long requestedNanos = System.nanoTime();
        try {
            scheduler.execute(() -> {
                // A tick published after the request reached every session that had joined by then: without this
                // check each request still queued behind busy scheduler threads (a storm of joins) would run a
                // tick of its own once it got a thread.
                if (channel.publishedNanos() - requestedNanos > 0) {
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

    private void scheduledTick(Channel channel) {
        if (!channel.sessions().hasSessions()) {
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
        if (stopped || !channel.sessions().hasSessions()) {
            return;
        }
        String name = channel.name().tag();
        long startNanos = System.nanoTime();
        Instant startedAt = Timestamps.truncate(Instant.now());
        try {
            ChannelFeed.Pending pending = channel.metrics().queryDuration().recordCallable(channel.feed()::load);
            outage.succeeded();
            TickPayloads payloads = pending.encode(startedAt);
            var written = channel.sessions().publish(channel.tick(payloads, startNanos));
            channel.published(System.nanoTime());
            // The tick (and its gate) lasts until the frames are written: refresh requests queued meanwhile find it.
            written.get();
            channel.metrics().broadcastDuration().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            channel.metrics().tickFailed();
            log.warn("frame of {} not written: {}", name, e.getCause().getClass().getName());
        } catch (Exception e) {
            tickFailed(channel, e);
        }
    }

    private void tickFailed(Channel channel, Exception e) {
        channel.metrics().tickFailed();
        if (e instanceof DataAccessException database) {
            outage.failed(database);
        } else {
            // Not a database error: its message may hold user data, so only its type is logged.
            log.warn("tick of {} failed: {}", channel.name().tag(), e.getClass().getName());
        }
    }
}
