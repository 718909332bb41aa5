package school.activity.tracker.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProducerSettingsTest {

    private static final PublisherProperties.Producer DEFAULTS = new PublisherProperties.Producer(
            Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofMillis(5), "lz4");

    @Test
    void kafkaSilentlyTurnsIdempotenceOffWhenAcksIsNotAllAndIdempotenceIsNotExplicit() {
        // Why the check is on the effective configuration: this map never says "no idempotence".
        ProducerConfig effective = new ProducerConfig(withSerializers(Map.of(ProducerConfig.ACKS_CONFIG, "1")));

        assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isFalse();
    }

    @Test
    void ourSettingsWinOverAcksOneFromSpringProperties() {
        Map<String, Object> configured = withSerializers(Map.of(ProducerConfig.ACKS_CONFIG, "1"));
        configured.putAll(ProducerSettings.of(DEFAULTS));

        ProducerConfig effective = new ProducerConfig(configured);

        assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThat(effective.getString(ProducerConfig.ACKS_CONFIG)).isEqualTo("-1");
    }

    @Test
    void settingsThatContradictIdempotenceFailLoudlyInsteadOfTurningItOff() {
        Map<String, Object> configured = withSerializers(Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 10));
        configured.putAll(ProducerSettings.of(DEFAULTS));

        assertThatThrownBy(() -> new ProducerConfig(configured)).isInstanceOf(ConfigException.class);
    }

    @Test
    void aDeliveryTimeoutShorterThanRequestTimeoutPlusLingerIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new PublisherProperties.Producer(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofMillis(5), "lz4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delivery-timeout");
    }

    private static Map<String, Object> withSerializers(Map<String, Object> settings) {
        Map<String, Object> map = new HashMap<>(settings);
        map.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        map.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        map.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return map;
    }
}
