package school.activity.benchmarks.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import school.activity.benchmarks.fanout.RawWebSocketClients;

/**
 * {@code ws-hold <wsUrl> <clients> <seconds> <dir>}: keeps N channel clients open (admin token) until the time is up
 * or the script asks to stop; holds when every client stayed open and, if the script marked a fault's end, every
 * client got a message after it.
 */
final class WsHold {

    private static final int THREADS = 2;
    private static final long CONNECT_SECONDS = 60;
    private static final long POLL_MILLIS = 200;

    private WsHold() {
    }

    static int run(String[] args) throws Exception {
        WsTarget target = WsTarget.of(args[0]);
        int clients = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        WorkDir dir = WorkDir.of(args[3]);
        String authorization = "Bearer " + ClusterAccess.adminToken();
        Map<RawWebSocketClients.Client, AtomicLong> messages = new ConcurrentHashMap<>();
        Map<RawWebSocketClients.Client, AtomicLong> lastMessageMillis = new ConcurrentHashMap<>();
        try (RawWebSocketClients pool = new RawWebSocketClients(THREADS, clients, (client, micros, bytes, tail, n) -> {
            messages.computeIfAbsent(client, c -> new AtomicLong()).incrementAndGet();
            lastMessageMillis.computeIfAbsent(client, c -> new AtomicLong()).set(micros / 1000);
        })) {
            long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_SECONDS);
            for (int i = 0; i < clients; i++) {
                pool.connect(target.host(), target.port(), target.path(), authorization, 0, false, connectBy);
            }
            pool.awaitHandshakes(clients, CONNECT_SECONDS, TimeUnit.SECONDS);
            int opened = pool.openConnections();
            long holdUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < holdUntil && !dir.stopRequested()) {
                Thread.sleep(POLL_MILLIS);
            }
            int stillOpen = pool.openConnections();
            long faultEnd = dir.mark(WorkDir.FAULT_END, Long.MAX_VALUE);
            long resumed = lastMessageMillis.values().stream().filter(t -> t.get() > faultEnd).count();
            long[] perClient = messages.values().stream().mapToLong(AtomicLong::get).sorted().toArray();
            System.out.printf("ws-hold: %d of %d opened, %d still open after up to %d s, %d got a message after the "
                            + "fault ended, messages per client min %d median %d; endings %s%n", opened, clients,
                    stillOpen, seconds, resumed, perClient.length < clients ? 0 : perClient[0],
                    perClient.length == 0 ? 0 : perClient[perClient.length / 2], pool.outcomes());
            boolean faultMarked = faultEnd != Long.MAX_VALUE;
            return FaultTool.held(opened == clients && stillOpen == clients && (!faultMarked || resumed == clients));
        }
    }
}
