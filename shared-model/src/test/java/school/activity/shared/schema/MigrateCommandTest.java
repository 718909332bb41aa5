package school.activity.shared.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import school.activity.testinfra.SharedPostgres;

/** The migrate-only entry point of the Kubernetes Job and of the services' init containers, on a real PostgreSQL. */
class MigrateCommandTest {

    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofMinutes(5);

    private final SharedPostgres postgres = SharedPostgres.get();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void migratesAnEmptyDatabaseAndThenHasNothingLeftToDo() {
        Map<String, String> environment = environment(postgres.createDatabase());

        assertThat(run(environment, NO_WAIT)).isZero();
        assertThat(text(out)).contains("migration(s) applied, now at version");
        assertThat(ActivitySchema.pendingMigrations(environment.get("ACTIVITY_DB_URL"),
                environment.get("ACTIVITY_DB_USER"), environment.get("ACTIVITY_DB_PASSWORD"))).isZero();

        assertThat(run(environment, NO_WAIT, MigrateCommand.AWAIT)).isZero();
        assertThat(text(out)).contains("activity schema: up to date");
    }

    @Test
    void awaitGivesUpOnASchemaThatIsNeverMigrated() {
        Map<String, String> environment = environment(postgres.createDatabase());

        assertThat(run(environment, NO_WAIT, MigrateCommand.AWAIT)).isEqualTo(1);

        assertThat(text(out)).contains("pending: waiting for the migration to run");
        assertThat(text(err)).contains("still not migrated");
    }

    @Test
    void awaitReturnsOnceTheMigrationHasRun() throws Exception {
        Map<String, String> environment = environment(postgres.createDatabase());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> MigrateCommand.run(
                new String[] {MigrateCommand.AWAIT}, environment, LONG_WAIT, quiet, quiet));

        assertThat(run(environment, NO_WAIT)).isZero();

        assertThat(waiting.get(LONG_WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
    }

    @Test
    void awaitKeepsWaitingWhileTheDatabaseIsUnreachable() {
        Map<String, String> environment = environment("jdbc:postgresql://127.0.0.1:1/none");

        assertThat(run(environment, NO_WAIT, MigrateCommand.AWAIT)).isEqualTo(1);

        assertThat(text(out)).contains("database not reachable yet");
    }

    @Test
    void refusesToRunWithoutADatabaseOrWithUnknownArguments() {
        assertThat(run(Map.of(), NO_WAIT)).isEqualTo(MigrateCommand.USAGE);
        assertThat(text(err)).contains("ACTIVITY_DB_URL is not set");

        assertThat(run(environment(postgres.createDatabase()), NO_WAIT, "--wait")).isEqualTo(MigrateCommand.USAGE);
        assertThat(text(err)).contains("usage: MigrateCommand [--await]");
    }

    private int run(Map<String, String> environment, Duration awaitLimit, String... args) {
        return MigrateCommand.run(args, environment, awaitLimit,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Map<String, String> environment(String url) {
        Map<String, String> environment = new HashMap<>();
        environment.put("ACTIVITY_DB_URL", url);
        if (postgres.user() != null) {
            environment.put("ACTIVITY_DB_USER", postgres.user());
            environment.put("ACTIVITY_DB_PASSWORD", postgres.password());
        }
        return environment;
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
