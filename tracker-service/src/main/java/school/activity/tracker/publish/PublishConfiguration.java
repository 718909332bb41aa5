package school.activity.tracker.publish;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/** The Kafka side of publishing: topics, the producer's settings, and the recorder with its publisher thread. */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

    static final String HTTP_ENABLED = "activity.tracker.http.enabled";

    @Bean
    NewTopic activityTopic(ActivityTopicProperties topics) {
        return TopicBuilder.name(topics.topic())
                .partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }

    @Bean
    NewTopic activityDeadLetterTopic(ActivityTopicProperties topics) {
        return TopicBuilder.name(topics.deadLetterTopic())
                .partitions(topics.partitions()).replicas(topics.replicationFactor()).build();
    }

    @Bean
    TopicProvisioner activityTopicProvisioner(KafkaAdmin admin, ActivityTopicProperties topics) {
        return new TopicProvisioner(admin, topics.provisionRetryInterval());
    }

    /** Applied to Boot's producer factory after {@code spring.kafka.producer.*}, so these settings always win. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer activityProducerSettings(PublisherProperties properties) {
        return factory -> factory.updateConfigs(ProducerSettings.of(properties.producer()));
    }

    /**
     * The one template of the service (events and dead letters). Its listener stays silent: the default one logs
     * record contents on failure, and a record holds a phone number.
     */
    @Bean
    @SuppressWarnings("unchecked")
    KafkaTemplate<String, byte[]> activityKafkaTemplate(ProducerFactory<?, ?> producerFactory) {
        KafkaTemplate<String, byte[]> template =
                new KafkaTemplate<>((ProducerFactory<String, byte[]>) producerFactory);
        template.setProducerListener(new ProducerListener<>() { });
        return template;
    }

    @Bean
    @ConditionalOnBooleanProperty(name = HTTP_ENABLED, matchIfMissing = true)
    ActivityRecorder activityRecorder(MeterRegistry registry) {
        return new ActivityRecorder(registry);
    }

    @Bean
    @ConditionalOnBooleanProperty(name = HTTP_ENABLED, matchIfMissing = true)
    ActivityPublisher activityPublisher(ActivityRecorder recorder, KafkaTemplate<String, byte[]> template,
            ActivityTopicProperties topics, PublisherProperties properties, MeterRegistry registry) {
        return new ActivityPublisher(recorder, template, topics.topic(), properties, registry);
    }
}
