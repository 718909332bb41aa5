package school.activity.benchmarks.fanout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;

import school.activity.benchmarks.support.ProcessStats;

/**
 * Samples the server processes while they are measured: the highest resident memory of any one of them and, for a
 * Spring Boot service, the highest used heap from its Prometheus endpoint. CPU seconds (summed over the processes)
 * are read at the window's edges by the caller. A member is {@code pid} or {@code pid:metrics-port}.
 */
final class ServerProbe implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 1000;

    private final List<Long> pids = new ArrayList<>();
    private final List<URI> prometheus = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "server-probe");
        t.setDaemon(true);
        return t;
    });
    private final DoubleAccumulator maxRssMb = new DoubleAccumulator(Math::max, -1);
    private final DoubleAccumulator maxHeapMb = new DoubleAccumulator(Math::max, -1);
    private final DoubleAccumulator maxLiveMb = new DoubleAccumulator(Math::max, -1);

    ServerProbe(String members) {
        for (String member : members.split(",")) {
            String[] parts = member.split(":");
            pids.add(Long.parseLong(parts[0]));
            if (parts.length > 1) {
                prometheus.add(URI.create("http://127.0.0.1:" + parts[1] + "/actuator/prometheus"));
            }
        }
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        pids.forEach(pid -> maxRssMb.accumulate(ProcessStats.rssMb(pid)));
        for (URI uri : prometheus) {
            try {
                String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double heap = body.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                maxHeapMb.accumulate(heap / 1_048_576);
                // Old generation after the latest collection: what the heap holds, rather than what G1 let fill.
                body.lines().filter(l -> l.startsWith("jvm_gc_live_data_size_bytes")).findFirst()
                        .ifPresent(l -> maxLiveMb.accumulate(
                                Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) / 1_048_576));
            } catch (Exception e) {
                // a missed sample under load: the next one counts
            }
        }
    }

    double cpuSeconds() {
        return pids.stream().mapToDouble(ProcessStats::cpuSeconds).sum();
    }

    double systemSeconds() {
        return pids.stream().mapToDouble(ProcessStats::systemSeconds).sum();
    }

    double maxRssMb() {
        return maxRssMb.get();
    }

    double maxHeapMb() {
        return maxHeapMb.get();
    }

    /** Mean snapshot query time in ms over the services' lifetime (Prometheus), or -1 without metrics. */
    double meanQueryMillis() {
        double sum = 0;
        double count = 0;
        for (URI uri : prometheus) {
            try {
                String body = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                sum += total(body, "activity_broadcast_query_duration_seconds_sum");
                count += total(body, "activity_broadcast_query_duration_seconds_count");
            } catch (Exception e) {
                return -1;
            }
        }
        return count == 0 ? -1 : sum / count * 1000;
    }

    private static double total(String body, String metric) {
        return body.lines().filter(l -> l.startsWith(metric + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    double maxLiveMb() {
        return maxLiveMb.get();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
