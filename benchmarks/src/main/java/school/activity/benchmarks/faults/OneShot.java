package school.activity.benchmarks.faults;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import school.activity.testinfra.TokenIssuer;

/**
 * {@code one-shot <trackerUrl> <firstUser> <users> <dir>}: users who send exactly one heartbeat during the fault and
 * nothing after (the users after the first {@code firstUser} by id, so none of the steady traffic's). No later request
 * can hide the loss of theirs: {@code check-last-active} requires each one's {@code last_active} to be that request's
 * time. Users and tokens are prepared first (the database may be the fault), then {@code one_shot_ready} is written and
 * the requests go when the script writes {@code one_shot_go}. Writes {@code one-shot.csv}; fails when any request was
 * not answered 204 (then it proves nothing).
 */
final class OneShot {

    private static final int CONCURRENCY = 16;
    static final String READY = "one_shot_ready";
    static final String GO = "one_shot_go";
    private static final long POLL_MILLIS = 20;

    private OneShot() {
    }

    static int run(String[] args) throws Exception {
        HeartbeatClient client = new HeartbeatClient(args[0]);
        List<Long> ids = ClusterAccess.userIds(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        WorkDir dir = WorkDir.of(args[3]);
        TokenIssuer issuer = ClusterAccess.issuer();
        Map<Long, String> authorizations = new LinkedHashMap<>();
        for (long id : ids) {
            authorizations.put(id, "Bearer " + issuer.issue(id, "student", null, ClusterAccess.TOKEN_LIFETIME));
        }
        Files.writeString(dir.resolve(READY), "1");
        while (!dir.has(GO)) {
            Thread.sleep(POLL_MILLIS);
        }
        Map<Long, RequestWindow> sent = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        long started = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        for (Map.Entry<Long, String> user : authorizations.entrySet()) {
            long id = user.getKey();
            String authorization = user.getValue();
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
