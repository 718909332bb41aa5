package school.activity.benchmarks.fanout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Activity between ticks, written straight into {@code user_activity}: once per interval a random share of each
 * role's users becomes active now, the share of users the demo school saw change between two ticks (677 of 2000
 * students, 46 of 150 teachers, 263 of 3000 parents). Without it the seeded users all go offline after 30 s and
 * every later tick repeats the one before, which would make a delta empty and flatter delta mode.
 */
final class ActivityChurn implements AutoCloseable {

    static final double STUDENT_SHARE = 677 / 2000.0;
    static final double TEACHER_SHARE = 46 / 150.0;
    static final double PARENT_SHARE = 263 / 3000.0;
    private static final String UPDATE = """
            UPDATE user_activity ua SET last_active = now() AT TIME ZONE 'utc', updated_at = now() AT TIME ZONE 'utc'
            FROM users u
            WHERE u.id = ua.user_id
              AND random() < CASE u.role WHEN 'student' THEN ? WHEN 'teacher' THEN ? WHEN 'parent' THEN ? ELSE 0 END
            """;

    private final Connection connection;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "activity-churn");
        t.setDaemon(true);
        return t;
    });
    private volatile long updated;
    private volatile String failure;

    private ActivityChurn(Connection connection, Duration interval) {
        this.connection = connection;
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::churn, millis / 2, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts the churn on the database named by {@code ACTIVITY_DB_URL/USER/PASSWORD}, or returns null without it. */
    static ActivityChurn startFromEnvironment(Duration interval) throws SQLException {
        String url = System.getenv("ACTIVITY_DB_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new ActivityChurn(DriverManager.getConnection(url, System.getenv("ACTIVITY_DB_USER"),
                System.getenv("ACTIVITY_DB_PASSWORD")), interval);
    }

    private void churn() {
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setDouble(1, STUDENT_SHARE);
            update.setDouble(2, TEACHER_SHARE);
            update.setDouble(3, PARENT_SHARE);
            updated += update.executeUpdate();
        } catch (SQLException e) {
            failure = e.getMessage();
        }
    }

    /** Rows made active so far, and the last error if any. */
    String describe() {
        return updated + " activity rows refreshed" + (failure == null ? "" : "; last error: " + failure);
    }

    @Override
    public void close() throws SQLException {
        scheduler.shutdownNow();
        connection.close();
    }
}
