package school.activity.broadcaster.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.config.BroadcastProperties;
import school.activity.broadcaster.snapshot.Frame;
import school.activity.broadcaster.snapshot.SnapshotBuilder;
import school.activity.broadcaster.support.OutageLog;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

/**
 * Every interval, for each channel with sessions: one query, one serialisation, one frame handed to every session.
 * A database error skips the tick and keeps every connection.
 */
@Component
public class BroadcastTicker {

    private static final Logger log = LoggerFactory.getLogger(BroadcastTicker.class);
    /** A frame younger than this many intervals is the channel's current picture and goes to a new session at once. */
    private static final int FRESH_INTERVALS = 2;

    private final Channels channels;
    private final SnapshotBuilder snapshots;
    private final ScheduledExecutorService scheduler;
    private final long intervalMillis;
    private final long freshNanos;
    private final OutageLog outage = new OutageLog(log, "channel snapshot query");
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private volatile boolean stopped;

    public BroadcastTicker(Channels channels, SnapshotBuilder snapshots, ScheduledExecutorService activityScheduler,
            BroadcastProperties properties) {
        this.channels = channels;
        this.snapshots = snapshots;
        this.scheduler = activityScheduler;
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

    /** A new session gets the current frame at once, or a tick is run for it now. */
    void welcome(Channel channel, Subscriber subscriber) {
        Frame frame = channel.current();
        if (frame != null && frame.ageNanos(System.nanoTime()) <= freshNanos) {
            subscriber.offer(frame);
        } else {
            requestRefresh(channel);
        }
    }

    void requestRefresh(Channel channel) {
        try {
            scheduler.execute(() -> {
                if (channel.tickGate().requestRefreshAndTryEnter()) {
                    runWhileOwned(channel);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("refresh of {} not scheduled: shutting down", channel.role().channel());
        }
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
        Role role = channel.role();
        long start = System.nanoTime();
        try {
            List<UserActivity> users = channel.metrics().queryDuration().recordCallable(() -> snapshots.load(role));
            Frame frame = snapshots.encode(role, users);
            channel.metrics().frameBuilt(frame.bytes());
            channel.publish(frame);
            channel.metrics().broadcastDuration().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            outage.succeeded();
        } catch (Exception e) {
            channel.metrics().tickFailed();
            outage.failed(e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
        }
    }
}
