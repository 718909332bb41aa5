package school.activity.tracker.publish;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

import school.activity.shared.contract.ActivityEvent;

/**
 * What Kafka being away does to the heap under load: request threads record events for many users as fast as they
 * can while the real publisher (real producer, default settings) sends to an address where no broker listens.
 * Prints heap after GC and the recorder's size every sampling interval; never asserts. Not a test: run its main.
 * Arguments: [seconds (default 60)] [distinct users (default 5,150)] [recording threads (default 4)].
 */
public final class KafkaDownHeapHarness {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final long MIB = 1024 * 1024;

    private KafkaDownHeapHarness() {
    }

    public static void main(String[] args) throws Exception {
        Duration length = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 60);
        int users = args.length > 1 ? Integer.parseInt(args[1]) : 5_150;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PublisherProperties properties = new PublisherProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), 50_000,
                new PublisherProperties.Producer(Duration.ofSeconds(1), Duration.ofSeconds(15),
                        Duration.ofSeconds(60), Duration.ofMillis(5), "lz4"), SpillingPublisherProcess.SPILL_OFF);
        Map<String, Object> producer = new HashMap<>(ProducerSettings.of(properties.producer()));
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + unusedPort());
        DefaultKafkaProducerFactory<String, byte[]> factory = new DefaultKafkaProducerFactory<>(producer);
        ActivityRecorder recorder = new ActivityRecorder(registry);
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(factory);
        template.setProducerListener(new ProducerListener<>() { });
        ActivityPublisher publisher = new ActivityPublisher(recorder, template, "user-activity", properties, registry);
        publisher.start();

        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder recorded = new LongAdder();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                for (long i = offset; running.get(); i += threads) {
                    recorder.record(new ActivityEvent(1 + i % users, "+99890" + (1_000_000 + i % users), Instant.now()));
                    recorded.increment();
                }
            }, "load-" + t);
            thread.setDaemon(true);
            thread.start();
        }

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf("Kafka unreachable; %d users, %d recording threads, %s%n", users, threads, length);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            System.gc();
            System.out.printf("events recorded %,14d  recorder users %,6d  publish failures %,10d  heap used %,5d MiB%n",
                    recorded.sum(), recorder.pendingUsers(),
                    (long) registry.get("activity.tracker.publish.failures").counter().count(),
                    memory.getHeapMemoryUsage().getUsed() / MIB);
        }, SAMPLE_EVERY.toMillis(), SAMPLE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        sampler.awaitTermination(length.toMillis(), TimeUnit.MILLISECONDS);
        sampler.shutdownNow();
        running.set(false);
        publisher.stop();
        factory.destroy();
    }

    /** A port nothing listens on: a broker there is unreachable (connection refused). */
    static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
