package school.activity.benchmarks.faults;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code check-last-active <dir> <timeoutSeconds> [lossAllowedAfterEpochMillis]}: waits until every user of
 * {@code last.csv} has {@code last_active} inside their last answered request's window (or later), and every user
 * of {@code one-shot.csv} (when present) exactly inside their one request's window. Users whose last request was
 * answered after the optional instant may lag (a kill -9 loses at most one flush interval): counted, not failed.
 */
final class CheckLastActive {

    private static final long POLL_MILLIS = 500;

    private CheckLastActive() {
    }

    static int run(String[] args) throws Exception {
        WorkDir dir = WorkDir.of(args[0]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        long lossAllowedAfterMicros = args.length > 2 ? Long.parseLong(args[2]) * 1000 : Long.MAX_VALUE;
        Map<Long, RequestWindow> last = RequestWindow.read(dir.resolve(WorkDir.LAST));
        Map<Long, RequestWindow> oneShot = dir.has(WorkDir.ONE_SHOT)
                ? RequestWindow.read(dir.resolve(WorkDir.ONE_SHOT)) : Map.of();
        long started = System.nanoTime();
        while (true) {
            Tally steady = Tally.of(last, ClusterAccess.lastActiveMicros(last.keySet()), true, lossAllowedAfterMicros);
            Tally single = Tally.of(oneShot, ClusterAccess.lastActiveMicros(oneShot.keySet()), false, Long.MAX_VALUE);
            boolean done = steady.lost() == 0 && single.lost() == 0;
            if (done || System.nanoTime() > deadline) {
                double after = (System.nanoTime() - started) / 1e9;
                System.out.printf("check-last-active: %d users, %d exactly their last request, %d newer (a request "
                                + "the client gave up on was served), %d behind (lost), %d within the allowed loss "
                                + "window, after %.1f s%n", last.size(), steady.count(Verdict.EXACT),
                        steady.count(Verdict.NEWER), steady.lost(), steady.count(Verdict.MAY_LAG), after);
                if (!oneShot.isEmpty()) {
                    System.out.printf("check-last-active: one-shot users (one request each, nothing after): %d of %d"
                            + " exactly that request, %d lost%n", single.count(Verdict.EXACT), oneShot.size(),
                            single.lost());
                }
                return FaultTool.held(done);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** How many users got each verdict. */
    record Tally(Map<Verdict, Integer> counts) {

        static Tally of(Map<Long, RequestWindow> expected, Map<Long, Long> stored, boolean newerAllowed,
                long lossAllowedAfterMicros) {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            expected.forEach((id, window) -> counts.merge(
                    Verdict.of(window, stored.get(id), newerAllowed, lossAllowedAfterMicros), 1, Integer::sum));
            return new Tally(counts);
        }

        int count(Verdict verdict) {
            return counts.getOrDefault(verdict, 0);
        }

        int lost() {
            return count(Verdict.LOST);
        }
    }
}
