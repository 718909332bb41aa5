package school.activity.testinfra;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test context at the shared infrastructure: call it from a {@code @DynamicPropertySource} method.
 * Each context gets a fresh database of its own and the shared broker.
 */
public final class TestInfrastructure {

    private TestInfrastructure() {
    }

    /** Registers a fresh database and the shared Kafka broker; returns the database's JDBC URL. */
    public static String register(DynamicPropertyRegistry registry) {
        String url = registerDatabase(registry);
        registerKafka(registry);
        return url;
    }

    public static String registerDatabase(DynamicPropertyRegistry registry) {
        SharedPostgres postgres = SharedPostgres.get();
        String url = postgres.createDatabase();
        registry.add("spring.datasource.url", () -> url);
        if (postgres.user() != null) {
            registry.add("spring.datasource.username", postgres::user);
            registry.add("spring.datasource.password", postgres::password);
        }
        return url;
    }

    public static void registerKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
    }
}
