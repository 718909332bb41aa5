package school.activity.shared.schema;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the activity schema and exits, for deployments that switch the services' start-up migration off
 * ({@code spring.flyway.enabled=false}): the Kubernetes migration Job, or an operator by hand. With {@code --await}
 * it migrates nothing and waits until the schema has no pending migration (the Job has run), then exits 0: the
 * services' init containers run it so that no pod starts on a schema older than its code. Reads
 * {@code ACTIVITY_DB_URL}, {@code ACTIVITY_DB_USER} and {@code ACTIVITY_DB_PASSWORD}. Runs from either service's jar
 * or image: {@code java -cp tracker-service.jar -Dloader.main=school.activity.shared.schema.MigrateCommand
 * org.springframework.boot.loader.launch.PropertiesLauncher [--await]}
 */
public final class MigrateCommand {

    public static final String AWAIT = "--await";
    /** Exit status when the arguments or the environment are wrong. */
    static final int USAGE = 2;
    /** How often {@code --await} looks at the schema history. */
    static final Duration AWAIT_POLL = Duration.ofSeconds(2);
    /** How long {@code --await} waits before it gives up (exit 1; Kubernetes then restarts the init container). */
    static final Duration AWAIT_LIMIT = Duration.ofMinutes(10);

    private MigrateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), AWAIT_LIMIT, System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, Duration awaitLimit, PrintStream out,
                   PrintStream err) {
        boolean await = args.length == 1 && AWAIT.equals(args[0]);
        if (args.length > 1 || (args.length == 1 && !await)) {
            err.println("usage: MigrateCommand [" + AWAIT + "]");
            return USAGE;
        }
        String url = environment.get("ACTIVITY_DB_URL");
        if (url == null || url.isBlank()) {
            err.println("ACTIVITY_DB_URL is not set");
            return USAGE;
        }
        String user = environment.get("ACTIVITY_DB_USER");
        String password = environment.get("ACTIVITY_DB_PASSWORD");
        return await ? await(url, user, password, awaitLimit, out, err) : migrate(url, user, password, out);
    }

    private static int migrate(String url, String user, String password, PrintStream out) {
        MigrateResult result = ActivitySchema.migrate(url, user, password);
        out.printf("activity schema: %d migration(s) applied, now at version %s%n", result.migrationsExecuted,
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        return result.success ? 0 : 1;
    }

    private static int await(String url, String user, String password, Duration limit, PrintStream out,
                             PrintStream err) {
        Instant deadline = Instant.now().plus(limit);
        String lastState = null;
        while (true) {
            String state;
            try {
                int pending = ActivitySchema.pendingMigrations(url, user, password);
                if (pending == 0) {
                    out.println("activity schema: up to date");
                    return 0;
                }
                state = pending + " migration(s) pending: waiting for the migration to run";
            } catch (FlywayException unreachable) {
                // The database may still be starting, or the network not yet ready: keep waiting.
                state = "database not reachable yet: " + unreachable.getMessage().lines().findFirst().orElse("");
            }
            if (!state.equals(lastState)) {
                out.println("activity schema: " + state);
                lastState = state;
            }
            if (Instant.now().isAfter(deadline)) {
                err.println("activity schema: still not migrated after " + limit.toSeconds() + " s");
                return 1;
            }
            try {
                Thread.sleep(AWAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
