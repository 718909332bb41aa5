package school.activity.benchmarks.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import school.activity.testinfra.TokenIssuer;

/**
 * {@code one-shot <trackerUrl> <firstUser> <users> <dir>}: users who send exactly one heartbeat now and nothing after
 * (the users after the first {@code firstUser} by id, so none of the steady traffic's). No later request can hide
 * the loss of theirs: {@code check-last-active} requires each one's {@code last_active} to be that request's time.
 * Writes {@code one-shot.csv}; fails when any request was not answered 204 (then it proves nothing).
 */
final class OneShot {

    private static final int CONCURRENCY = 16;

    private OneShot() {
    }

    static int run(String[] args) throws Exception {
        HeartbeatClient client = new HeartbeatClient(args[0]);
        List<Long> ids = ClusterAccess.userIds(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        WorkDir dir = WorkDir.of(args[3]);
        TokenIssuer issuer = ClusterAccess.issuer();
        Map<Long, RequestWindow> sent = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        long started = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        for (long id : ids) {
            String authorization = "Bearer " + issuer.issue(id, "student", null, ClusterAccess.TOKEN_LIFETIME);
            pool.submit(() -> {
                RequestWindow window = client.send(authorization);
                if (window == null) {
                    failed.incrementAndGet();
                } else {
                    sent.put(id, window);
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        RequestWindow.write(dir.resolve(WorkDir.ONE_SHOT), sent);
        System.out.printf("one-shot: %d users (ids %d..%d) sent one request each in %d ms, %d not answered 204%n",
                ids.size(), ids.get(0), ids.get(ids.size() - 1), System.currentTimeMillis() - started, failed.get());
        return FaultTool.held(failed.get() == 0);
    }
}
