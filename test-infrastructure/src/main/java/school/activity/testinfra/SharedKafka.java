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
                    broker = startBroker();
                    EmbeddedKafkaKraftBroker started = broker;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "shared-kafka-stop"));
                }
            }
        }
        return broker.getBrokersAsString();
    }

    /**
     * The embedded KRaft broker cannot take a fixed port nor restart on one: outage tests put a {@link TcpProxy}
     * in front of the shared broker instead and cut it.
     */
    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        kafka.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        return kafka;
    }
}
