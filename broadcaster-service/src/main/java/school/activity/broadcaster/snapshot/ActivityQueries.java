package school.activity.broadcaster.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import school.activity.shared.contract.RecentActivity;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.UserActivity;

/**
 * The two reads of the broadcaster. Times are {@code TIMESTAMP WITHOUT TIME ZONE} holding UTC: they are read as
 * local date-times and placed in UTC, so the JVM's zone never shifts them. Online is decided by the database clock.
 */
@Repository
public class ActivityQueries {

    /** Every user of a role (compared as text, so a platform enum column works), never-active ones last. */
    private static final String USERS_OF_ROLE = """
            SELECT u.id AS user_id,
                   COALESCE(a.phone, u.phone) AS phone,
                   a.last_active,
                   COALESCE(a.last_active >= (now() AT TIME ZONE 'utc') - make_interval(secs => ?), false) AS is_online,
                   u.full_name
            FROM users u
            LEFT JOIN user_activity a ON a.user_id = u.id
            WHERE u.role::text = ?
            ORDER BY a.last_active DESC NULLS LAST, u.id
            """;

    private static final String RECENT = """
            SELECT a.user_id,
                   COALESCE(a.phone, u.phone) AS phone,
                   u.full_name,
                   u.role::text AS role,
                   a.last_active
            FROM user_activity a
            JOIN users u ON u.id = a.user_id
            WHERE a.last_active IS NOT NULL
            ORDER BY a.last_active DESC, a.user_id
            LIMIT ?
            """;

    private static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    private final double onlineThresholdSeconds;

    public ActivityQueries(DataSource dataSource, OnlineProperties activity, BroadcastProperties broadcast) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(Math.toIntExact(Math.max(1, broadcast.queryTimeout().toSeconds())));
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.onlineThresholdSeconds = toSeconds(activity.onlineThreshold());
    }

    public List<UserActivity> usersOf(Role role) {
        return jdbc.query(USERS_OF_ROLE, (rs, row) -> new UserActivity(
                rs.getLong("user_id"),
                rs.getString("phone"),
                utc(rs, "last_active"),
                rs.getBoolean("is_online"),
                role.value(),
                rs.getString("full_name")), onlineThresholdSeconds, role.value());
    }

    /** The {@code limit} most recently active users of any role. */
    public List<RecentActivity> recent(int limit) {
        return jdbc.query(RECENT, (rs, row) -> new RecentActivity(
                rs.getLong("user_id"),
                rs.getString("phone"),
                rs.getString("full_name"),
                rs.getString("role"),
                utc(rs, "last_active")), limit);
    }

    private static Instant utc(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static double toSeconds(Duration duration) {
        return duration.toNanos() / 1_000_000_000.0;
    }
}
