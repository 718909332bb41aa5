package school.activity.benchmarks.faults;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import school.activity.benchmarks.fanout.RawWebSocketClients;
import school.activity.benchmarks.support.Percentiles;
import school.activity.benchmarks.support.Prometheus;

/**
 * {@code stall <host:port> <channelPath> <stalled> <normal> <secondsPerPhase> <managementHost:port>
 * <heapGrowthLimitMb>}: normal clients
 * alone for a phase, then a phase with clients that stop reading. Holds when, in the second phase, every normal
 * client received every tick's frame and stayed open, the instance dropped at least the stalled clients, and the heap
 * it retains (old generation after collections) rose by at most the limit over the first phase's. Prints delivery time (receipt minus the
 * frame's timestamp) per phase.
 */
final class StalledClients {

    private static final long CONNECT_SECONDS = 60;
    private static final long HEAP_SAMPLE_MILLIS = 1000;
    /** Longest wait after the phase for the last stalled clients to be dropped: one ping interval and some. */
    private static final long DROP_SETTLE_SECONDS = 40;
    /** Ticks this close to the phase's end may still be on their way to some clients: not counted. */
    private static final long DELIVERY_GRACE_MILLIS = 3000;
    private static final String DROPPED = "activity_ws_clients_dropped_total";
    private static final String HEAP = "jvm_memory_used_bytes{area=\"heap\"";
    /** What the heap retains: the old generation after the latest collection (G1 updates it on every GC). */
    private static final String LIVE = "jvm_gc_live_data_size_bytes";

    /** Highest heap in use and highest retained heap seen during a phase, in bytes. */
    private record Heap(long usedMax, long liveMax) {

        /** Retained heap when the instance reported it in both phases, else the heap in use. */
        long growthOver(Heap before) {
            return liveMax > 0 && before.liveMax() > 0 ? liveMax - before.liveMax() : usedMax - before.usedMax();
        }
    }

    /** One frame a normal client received after its connect-time snapshot. */
    private record Delivery(RawWebSocketClients.Client client, long frameMillis, long receivedMillis, long delayMicros) {
    }

    private StalledClients() {
    }

    static int run(String[] args) throws Exception {
        WsTarget target = WsTarget.of(args[0], args[1]);
        int stalledCount = Integer.parseInt(args[2]);
        int normalCount = Integer.parseInt(args[3]);
        long phaseMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(args[4]));
        long heapGrowthLimitMb = Long.parseLong(args[6]);
        String authorization = "Bearer " + ClusterAccess.adminToken();
        Prometheus metrics = new Prometheus(HttpClient.newHttpClient(), args[5]);
        ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
        Set<RawWebSocketClients.Client> snapshotSeen = ConcurrentHashMap.newKeySet();
        CountDownLatch release = new CountDownLatch(1);
        long connectBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_SECONDS);
        try (RawWebSocketClients normal = new RawWebSocketClients(1, normalCount, (client, micros, bytes, tail, n) -> {
            Instant frame = FrameTimestamp.parse(tail, n);
            if (!snapshotSeen.add(client) && frame != null) {
                long frameMicros = ClusterAccess.micros(frame);
                deliveries.add(new Delivery(client, frameMicros / 1000, micros / 1000, micros - frameMicros));
            }
        })) {
            for (int i = 0; i < normalCount; i++) {
                normal.connect(target.host(), target.port(), target.path(), authorization, 0, false, connectBy);
            }
            normal.awaitHandshakes(normalCount, CONNECT_SECONDS, TimeUnit.SECONDS);
            double droppedBefore = metrics.sum(DROPPED);
            long phaseA = System.currentTimeMillis();
            Heap heapA = watchHeap(metrics, phaseMillis);
            long phaseB = System.currentTimeMillis();
            // One selector thread for every stalled client; once all handshakes are answered, its listener blocks on
            // the next frame, so none of these sockets is read again and the server's sends back up.
            StallGate gate = new StallGate(release);
            try (RawWebSocketClients stalled = new RawWebSocketClients(1, stalledCount, gate)) {
                for (int i = 0; i < stalledCount; i++) {
                    stalled.connect(target.host(), target.port(), target.path(), authorization, 0, false, connectBy);
                }
                stalled.awaitHandshakes(stalledCount, CONNECT_SECONDS, TimeUnit.SECONDS);
                int stalledOpen = stalled.openConnections();
                gate.close();
                Heap heapB = watchHeap(metrics, phaseMillis);
                long phaseEnd = System.currentTimeMillis();
                // A client that stalled late in the phase may still be within the server's ping limit: wait for it.
                long settleBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(DROP_SETTLE_SECONDS);
                double dropped = metrics.sum(DROPPED) - droppedBefore;
                while (dropped < stalledCount && System.nanoTime() < settleBy) {
                    Thread.sleep(HEAP_SAMPLE_MILLIS);
                    dropped = metrics.sum(DROPPED) - droppedBefore;
                }
                int normalOpen = normal.openConnections();
                release.countDown();
                return report(deliveries, phaseA, phaseB, phaseEnd, heapA, heapB, heapGrowthLimitMb, stalledCount,
                        stalledOpen, dropped, normalCount, normalOpen, normal.outcomes());
            }
        } finally {
            release.countDown();
        }
    }

    private static int report(ConcurrentLinkedQueue<Delivery> deliveries, long phaseA, long phaseB, long phaseEnd,
            Heap heapA, Heap heapB, long heapGrowthLimitMb, int stalledCount, int stalledOpen, double dropped,
            int normalCount, int normalOpen, Map<String, Integer> normalEndings) {
        List<Delivery> alone = between(deliveries, phaseA, phaseB);
        List<Delivery> withStalled = between(deliveries, phaseB, phaseEnd);
        Percentiles aloneDelay = new Percentiles(alone.stream().mapToLong(Delivery::delayMicros).toArray());
        Percentiles stalledDelay = new Percentiles(withStalled.stream().mapToLong(Delivery::delayMicros).toArray());
        System.out.printf("stall: normal clients alone: %d frames, delivery p50 %.1f ms p99 %.1f ms; heap max %d MB, "
                + "retained max %d MB%n", alone.size(), aloneDelay.at(50) / 1000.0, aloneDelay.at(99) / 1000.0,
                heapA.usedMax() >> 20, heapA.liveMax() >> 20);
        System.out.printf("stall: with %d stalled clients (%d admitted): %d frames, delivery p50 %.1f ms p99 %.1f ms;"
                        + " heap max %d MB, retained max %d MB: %+d MB over the phase alone (limit %d MB)%n",
                stalledCount, stalledOpen, withStalled.size(), stalledDelay.at(50) / 1000.0,
                stalledDelay.at(99) / 1000.0, heapB.usedMax() >> 20, heapB.liveMax() >> 20,
                heapB.growthOver(heapA) >> 20, heapGrowthLimitMb);
        // Every tick of the second phase (its frame time) must have reached every normal client.
        Set<Long> ticks = withStalled.stream().map(Delivery::frameMillis)
                .filter(t -> t >= phaseB && t < phaseEnd - DELIVERY_GRACE_MILLIS).collect(Collectors.toSet());
        Map<RawWebSocketClients.Client, Set<Long>> received = withStalled.stream().collect(Collectors.groupingBy(
                Delivery::client, Collectors.mapping(Delivery::frameMillis, Collectors.toSet())));
        long complete = received.values().stream().filter(got -> got.containsAll(ticks)).count();
        System.out.printf("stall: %d ticks in the phase with stalled clients; %d of %d normal clients received every "
                + "one; normal clients still open: %d of %d %s%n", ticks.size(), complete, normalCount, normalOpen,
                normalCount, normalEndings);
        System.out.printf("stall: clients dropped by the instance: %.0f (%d stalled)%n", dropped, stalledCount);
        boolean held = !ticks.isEmpty() && complete == normalCount && normalOpen == normalCount
                && stalledOpen == stalledCount && dropped >= stalledCount
                && heapB.growthOver(heapA) <= heapGrowthLimitMb << 20;
        return FaultTool.held(held);
    }

    private static List<Delivery> between(ConcurrentLinkedQueue<Delivery> deliveries, long from, long to) {
        return deliveries.stream().filter(d -> d.receivedMillis() >= from && d.receivedMillis() < to).toList();
    }

    /** The instance's heap, sampled for the given time; the highest values seen. */
    private static Heap watchHeap(Prometheus metrics, long millis) throws Exception {
        long until = System.currentTimeMillis() + millis;
        long used = 0;
        long live = 0;
        while (System.currentTimeMillis() < until) {
            String page = metrics.page();
            used = Math.max(used, (long) Prometheus.sum(page, HEAP));
            live = Math.max(live, (long) Prometheus.sum(page, LIVE));
            Thread.sleep(HEAP_SAMPLE_MILLIS);
        }
        return new Heap(used, live);
    }

    /** Lets frames through until closed; then the next frame blocks its selector thread until released. */
    private static final class StallGate implements RawWebSocketClients.MessageListener {
        private final CountDownLatch release;
        private volatile boolean closed;

        StallGate(CountDownLatch release) {
            this.release = release;
        }

        void close() {
            closed = true;
        }

        @Override
        public void onMessage(RawWebSocketClients.Client client, long receivedMicros, long bytes, byte[] tail,
                int tailLength) {
            if (closed) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
