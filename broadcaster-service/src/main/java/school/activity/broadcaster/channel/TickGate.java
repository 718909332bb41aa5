package school.activity.broadcaster.channel;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps a channel's ticks from overlapping. A scheduled tick that finds one running is skipped; a refresh request
 * (a session joined and there is no fresh frame) is never lost: the running tick runs once more.
 */
final class TickGate {

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean refreshPending = new AtomicBoolean();

    boolean tryEnterScheduled() {
        return running.compareAndSet(false, true);
    }

    /** Records the request; true if the caller now owns the gate and must run. */
    boolean requestRefreshAndTryEnter() {
        refreshPending.set(true);
        return running.compareAndSet(false, true);
    }

    /** Called by the owner right before it reads the database: pending requests are served by this run. */
    void beforeRun() {
        refreshPending.set(false);
    }

    /** Leaves the gate; true if a refresh arrived meanwhile and the caller owns the gate again. */
    boolean exitAndReenter() {
        running.set(false);
        return refreshPending.get() && running.compareAndSet(false, true);
    }
}
