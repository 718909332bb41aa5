package school.activity.broadcaster.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import school.activity.broadcaster.BroadcasterApplication;
import school.activity.testinfra.SharedPostgres;

/** Another broadcaster in the test JVM, on its own port, sharing a test context's database. */
public final class ExtraInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private ExtraInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** @param properties extra {@code name=value} settings on top of the profile's */
    public static ExtraInstance start(String profile, String databaseUrl, String... properties) {
        List<String> settings = new ArrayList<>(List.of(
                "server.port=0",
                "management.server.port=0",
                "spring.datasource.url=" + databaseUrl,
                "spring.jmx.enabled=false"));
        SharedPostgres postgres = SharedPostgres.get();
        if (postgres.user() != null) {
            settings.add("spring.datasource.username=" + postgres.user());
            settings.add("spring.datasource.password=" + postgres.password());
        }
        settings.addAll(List.of(properties));
        // Command-line arguments: they outrank application.yml (builder properties are only defaults).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BroadcasterApplication.class)
                .profiles(profile)
                .run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
        return new ExtraInstance(context);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
