package school.activity.benchmarks.faults;

/** What a user's stored {@code last_active} says about the request the scenario expects to find. */
enum Verdict {
    /** Inside the request's window: exactly that request. */
    EXACT,
    /** After the window: a later request the client gave up on (timed out) was served after all; nothing lost. */
    NEWER,
    /** Missing or older, but the request was answered within the window a kill -9 may lose: allowed, counted. */
    MAY_LAG,
    /** Missing or older: the request was answered and its activity never arrived. */
    LOST;

    /**
     * @param stored                 the user's {@code last_active} (epoch µs), or null without a row
     * @param newerAllowed           false for users who sent nothing after this request: only EXACT will do
     * @param lossAllowedAfterMicros requests answered at or after this may lag (Long.MAX_VALUE: none may)
     */
    static Verdict of(RequestWindow window, Long stored, boolean newerAllowed, long lossAllowedAfterMicros) {
        if (stored != null && stored >= window.sentMicros() && stored <= window.answeredMicros()) {
            return EXACT;
        }
        if (stored != null && stored > window.answeredMicros() && newerAllowed) {
            return NEWER;
        }
        if (window.answeredMicros() >= lossAllowedAfterMicros) {
            return MAY_LAG;
        }
        return LOST;
    }
}
