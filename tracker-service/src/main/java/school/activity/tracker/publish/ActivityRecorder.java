package school.activity.tracker.publish;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import school.activity.shared.contract.ActivityEvent;

/**
 * Holds each user's newest not-yet-published activity. Request threads only merge into a map here, so recording
 * costs no I/O and no lock shared by all requests; memory is bounded by the number of distinct users, whatever the
 * request rate or however long Kafka is away.
 */
public final class ActivityRecorder {

    private final Map<Long, ActivityEvent> pending = new ConcurrentHashMap<>();
    private final Counter recorded;
    private final Counter coalesced;
    private volatile Runnable onRecord = () -> { };

    public ActivityRecorder(MeterRegistry registry) {
        this.recorded = Counter.builder("activity.tracker.events.recorded")
                .description("Activity events taken from requests").register(registry);
        this.coalesced = Counter.builder("activity.tracker.events.coalesced")
                .description("Events merged into a newer or older pending event of the same user").register(registry);
        Gauge.builder("activity.tracker.recorder.pending", pending, Map::size)
                .description("Users whose newest activity waits to be published").register(registry);
    }

    /** Called on request threads: never blocks beyond the map's own per-key synchronisation. */
    public void record(ActivityEvent event) {
        recorded.increment();
        pending.merge(event.userId(), event, this::newerCounted);
        onRecord.run();
    }

    /** Puts back an event that could not be published, unless the user has a newer one pending already. */
    void restore(ActivityEvent event) {
        pending.merge(event.userId(), event, ActivityRecorder::newer);
    }

    /** Takes every pending event out; events recorded meanwhile stay for the next drain. */
    List<ActivityEvent> drain() {
        List<ActivityEvent> drained = new ArrayList<>(pending.size());
        for (Iterator<Long> users = pending.keySet().iterator(); users.hasNext(); ) {
            ActivityEvent event = pending.remove(users.next());
            if (event != null) {
                drained.add(event);
            }
        }
        return drained;
    }

    /** A copy of what is pending, leaving it pending (for the spill file). */
    List<ActivityEvent> snapshot() {
        return List.copyOf(pending.values());
    }

    public int pendingUsers() {
        return pending.size();
    }

    /** The publisher's wake-up call when every event is to be sent at once. */
    void onRecord(Runnable action) {
        this.onRecord = action;
    }

    private ActivityEvent newerCounted(ActivityEvent current, ActivityEvent incoming) {
        coalesced.increment();
        return newer(current, incoming);
    }

    /** The newer of two events of one user (the first when they are equally new). */
    static ActivityEvent newer(ActivityEvent current, ActivityEvent incoming) {
        return incoming.occurredAt().isAfter(current.occurredAt()) ? incoming : current;
    }
}
