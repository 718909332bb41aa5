package school.activity.benchmarks.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import school.activity.benchmarks.support.Percentiles;
import school.activity.testinfra.TokenIssuer;

/**
 * {@code traffic <trackerUrl> <users> <requestsPerSecond> <seconds> <dir>}: heartbeats of the first N users (by id),
 * paced, until the time is up or the script asks to stop; writes each user's last answered request to
 * {@code last.csv} and prints latency per phase (before, during and after the fault marks, when written).
 */
final class Traffic {

    private static final int WORKERS = 64;

    private record Sample(long sentMillis, long latencyMicros, boolean ok) {
    }

    private Traffic() {
    }

    static int run(String[] args) throws Exception {
        String trackerUrl = args[0];
        int users = Integer.parseInt(args[1]);
        double rps = Double.parseDouble(args[2]);
        long seconds = Long.parseLong(args[3]);
        WorkDir dir = WorkDir.of(args[4]);
        List<Long> ids = ClusterAccess.userIds(0, users);
        TokenIssuer issuer = ClusterAccess.issuer();
        Map<Long, String> tokens = new HashMap<>();
        for (long id : ids) {
            tokens.put(id, "Bearer " + issuer.issue(id, "student", null, ClusterAccess.TOKEN_LIFETIME));
        }
        HeartbeatClient client = new HeartbeatClient(trackerUrl);
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        Map<Long, RequestWindow> last = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long periodNanos = (long) (WORKERS * 1e9 / rps);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long offset = periodNanos * w / WORKERS;
            Thread worker = new Thread(() -> {
                long due = System.nanoTime() + offset;
                while (due < end && !dir.stopRequested()) {
                    LockSupport.parkNanos(due - System.nanoTime());
                    due += periodNanos;
                    long id = ids.get(Math.floorMod(next.getAndIncrement(), ids.size()));
                    long sentMillis = System.currentTimeMillis();
                    long started = System.nanoTime();
                    RequestWindow window;
                    try {
                        window = client.send(tokens.get(id));
                    } catch (InterruptedException e) {
                        return;
                    }
                    samples.add(new Sample(sentMillis, (System.nanoTime() - started) / 1000, window != null));
                    if (window != null) {
                        last.merge(id, window, RequestWindow::later);
                    } else {
                        errors.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        RequestWindow.write(dir.resolve(WorkDir.LAST), last);
        long faultStart = dir.mark(WorkDir.FAULT_START, Long.MAX_VALUE);
        long faultEnd = dir.mark(WorkDir.FAULT_END, Long.MAX_VALUE);
        List<Sample> all = new ArrayList<>(samples);
        System.out.printf("traffic: %d requests, %d not answered 204, %d users%n", all.size(), errors.get(), last.size());
        Map<String, List<Sample>> phases = new LinkedHashMap<>();
        phases.put("before", all.stream().filter(s -> s.sentMillis() < faultStart).toList());
        phases.put("during", all.stream().filter(s -> s.sentMillis() >= faultStart && s.sentMillis() < faultEnd).toList());
        phases.put("after", all.stream().filter(s -> s.sentMillis() >= faultEnd).toList());
        phases.forEach((phase, list) -> {
            if (!list.isEmpty()) {
                Percentiles latency = new Percentiles(list.stream().mapToLong(Sample::latencyMicros).toArray());
                System.out.printf("traffic %-6s: %6d requests, %4d errors, p50 %.2f ms, p99 %.2f ms, max %.1f ms%n",
                        phase, list.size(), list.stream().filter(s -> !s.ok()).count(), latency.at(50) / 1000.0,
                        latency.at(99) / 1000.0, latency.max() / 1000.0);
            }
        });
        return FaultTool.HELD;
    }
}
