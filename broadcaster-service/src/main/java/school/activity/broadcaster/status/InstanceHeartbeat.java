package school.activity.broadcaster.status;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import school.activity.broadcaster.channel.Channels;
import school.activity.broadcaster.support.OutageLog;
import school.activity.shared.contract.Role;

/**
 * Writes this instance's connection counts every heartbeat interval and prunes expired rows; removes its own row on
 * shutdown (after the sessions are closed), so the cluster's counts drop at once rather than at expiry.
 */
@Component
public class InstanceHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceHeartbeat.class);

    private final InstanceRegistry registry;
    private final InstanceIdentity identity;
    private final Channels channels;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Duration expiry;
    private final Counter failures;
    private final OutageLog outage = new OutageLog(log, "instance heartbeat");
    /** Serialises beats with the final removal, so a beat in flight cannot re-insert the row after it. */
    private final Object beatLock = new Object();
    private volatile ScheduledFuture<?> beats;

    public InstanceHeartbeat(InstanceRegistry registry, InstanceIdentity identity, Channels channels,
            ScheduledExecutorService activityScheduler, StatusProperties status, MeterRegistry meters) {
        this.registry = registry;
        this.identity = identity;
        this.channels = channels;
        this.scheduler = activityScheduler;
        this.interval = status.heartbeatInterval();
        this.expiry = status.instanceExpiry();
        this.failures = Counter.builder("activity.status.heartbeat.failures")
                .description("Instance heartbeats that could not be written").register(meters);
    }

    /** This instance's live counts. */
    public InstanceRegistry.InstanceCounts ownCounts() {
        return new InstanceRegistry.InstanceCounts(channels.connections(Role.STUDENT),
                channels.connections(Role.TEACHER), channels.connections(Role.PARENT),
                channels.maxConnectionsPerChannel());
    }

    @Override
    public void start() {
        log.info("broadcaster instance {} started", identity.id());
        synchronized (beatLock) {
            beats = scheduler.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void beat() {
        synchronized (beatLock) {
            if (beats != null) {
                writeBeat();
            }
        }
    }

    private void writeBeat() {
        try {
            registry.beat(identity.id(), ownCounts());
            registry.pruneStale(expiry);
            outage.succeeded();
        } catch (RuntimeException e) {
            failures.increment();
            outage.failed(e);
        }
    }

    @Override
    public void stop() {
        synchronized (beatLock) {
            ScheduledFuture<?> running = beats;
            beats = null;
            if (running != null) {
                running.cancel(false);
            }
        }
        try {
            registry.remove(identity.id());
        } catch (RuntimeException e) {
            log.warn("instance row {} not removed; it expires by itself: {}", identity.id(),
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public boolean isRunning() {
        return beats != null;
    }

    /** Stops right after the channels (whose phase is the default, highest one). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
