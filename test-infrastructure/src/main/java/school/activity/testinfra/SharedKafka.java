package school.activity.testinfra;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The one real Kafka broker of a test JVM: spring-kafka-test's embedded KRaft broker, started on first use and
 * stopped at exit. Tests keep apart by using topics of their own.
 */
public final class SharedKafka {

    private static final int PARTITIONS = 3;
    private static volatile EmbeddedKafkaKraftBroker broker;

    private SharedKafka() {
    }

    public static String bootstrapServers() {
        if (broker == null) {
            synchronized (SharedKafka.class) {
                if (broker == null) {
                    broker = startBroker(0);
                    EmbeddedKafkaKraftBroker started = broker;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "shared-kafka-stop"));
                }
            }
        }
        return broker.getBrokersAsString();
    }

    /**
     * A separate broker on a fixed port (0: any), for tests that need a broker to appear late; the caller destroys
     * it. An embedded broker cannot restart on the same port, so outage tests start one late rather than twice.
     */
    public static EmbeddedKafkaKraftBroker startBroker(int port) {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0"));
        if (port > 0) {
            kafka.kafkaPorts(port);
        }
        kafka.afterPropertiesSet();
        return kafka;
    }
}
