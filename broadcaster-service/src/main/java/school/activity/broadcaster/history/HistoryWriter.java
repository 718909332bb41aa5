package school.activity.broadcaster.history;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.support.OutageLog;

/**
 * Every instance tries to write the current minute's online counts every write interval, and prunes rows past the
 * retention. Whichever instance comes first in a minute writes it; none is special and none needs to know the others.
 */
@Component
public class HistoryWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);

    private final HistoryStore store;
    private final ScheduledExecutorService scheduler;
    private final HistoryProperties properties;
    private final MeterRegistry meters;
    private final OutageLog outage = new OutageLog(log, "online history write");
    private volatile ScheduledFuture<?> writes;

    public HistoryWriter(HistoryStore store, ScheduledExecutorService activityScheduler, HistoryProperties properties,
            MeterRegistry meters) {
        this.store = store;
        this.scheduler = activityScheduler;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public synchronized void start() {
        long interval = properties.writeInterval().toMillis();
        writes = scheduler.scheduleAtFixedRate(this::write, 0, interval, TimeUnit.MILLISECONDS);
    }

    /** Never throws: an exception would cancel the schedule. */
    void write() {
        try {
            boolean written = store.recordCurrentMinute();
            meters.counter("activity.history.writes", "outcome", written ? "written" : "present").increment();
            int deleted = store.deleteOlderThan(properties.retention(), properties.deleteBatchSize());
            if (deleted > 0) {
                meters.counter("activity.history.deleted").increment(deleted);
            }
            outage.succeeded();
        } catch (RuntimeException e) {
            meters.counter("activity.history.writes", "outcome", "failed").increment();
            outage.failed(e);
        }
    }

    @Override
    public synchronized void stop() {
        if (writes != null) {
            writes.cancel(false);
            writes = null;
        }
    }

    @Override
    public boolean isRunning() {
        return writes != null;
    }

    /** Stops with the heartbeat, after the channels, while the database is still there. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
