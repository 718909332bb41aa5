package school.activity.broadcaster.fanout;

/**
 * Which of a tick's messages one session gets, from that session's small state: the sequence of the last tick
 * written to it (0 before the first). Runs on the session's event loop for every tick: keep it a few comparisons.
 */
@FunctionalInterface
public interface MessageChoice {

    /** The index in {@link Tick#messages()}. */
    int choose(Tick tick, long lastSequence);
}
