package school.activity.demo.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A single Kafka node in KRaft mode (broker and controller combined) inside the demo's JVM, built with Kafka's own
 * cluster kit. Its log lives in a folder of the demo's that is wiped at every start: the events are transient, the
 * activity they carry is in PostgreSQL. Kafka picks a free port.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Map<String, String> SETTINGS = Map.of(
            "auto.create.topics.enable", "true",
            "num.partitions", "3",
            "offsets.topic.replication.factor", "1",
            "group.initial.rebalance.delay.ms", "0");

    private final KafkaClusterTestKit cluster;

    private EmbeddedBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats {@code directory} afresh and starts the node on it. */
    public static EmbeddedBroker start(Path directory) {
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory);
            // A base directory of our own: the kit's default temporary one is deleted by a JVM shutdown hook of its
            // own, which on Ctrl-C would pull the log from under a broker that still serves the stopping tracker.
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build())
                    .setDeleteOnClose(true);
            SETTINGS.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedBroker(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka did not start", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
