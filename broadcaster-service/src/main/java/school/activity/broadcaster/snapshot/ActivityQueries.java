package school.activity.broadcaster.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import school.activity.shared.contract.RecentActivity;
import school.activity.shared.contract.Role;
import school.activity.shared.contract.RoleCounts;
import school.activity.shared.contract.UserActivity;

/**
 * The two reads of the broadcaster. Times are {@code TIMESTAMP WITHOUT TIME ZONE} holding UTC: they are read as
 * local date-times and placed in UTC, so the JVM's zone never shifts them. Online is decided by the database clock.
 */
@Repository
public class ActivityQueries {

    /**
     * The one definition of online, on {@code user_activity a}: last activity at most the threshold (the parameter,
     * in seconds) old by the database clock. Null (never active) counts as offline wherever it is used.
     */
    public static final String ONLINE = "a.last_active >= (now() AT TIME ZONE 'utc') - make_interval(secs => ?)";

    /** Every user of a role (compared as text, so a platform enum column works), never-active ones last. */
    private static final String USERS_OF_ROLE = """
            SELECT u.id AS user_id,
                   COALESCE(a.phone, u.phone) AS phone,
                   a.last_active,
                   COALESCE(%s, false) AS is_online,
                   u.full_name
            FROM users u
            LEFT JOIN user_activity a ON a.user_id = u.id
            WHERE u.role::text = ?
            ORDER BY a.last_active DESC NULLS LAST, u.id
            """.formatted(ONLINE);

    /** Every role's user count and online count, in one pass: the summary channel's query. */
    private static final String COUNTS_BY_ROLE = """
            SELECT u.role::text AS role, count(*) AS total, count(*) FILTER (WHERE %s) AS online
            FROM users u
            LEFT JOIN user_activity a ON a.user_id = u.id
            WHERE u.role::text IN ('student', 'teacher', 'parent')
            GROUP BY u.role::text
            """.formatted(ONLINE);

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

    /** Users and online users per role; a role without users is missing from the map. */
    public Map<Role, RoleCounts> countsByRole() {
        Map<Role, RoleCounts> counts = new EnumMap<>(Role.class);
        jdbc.query(COUNTS_BY_ROLE, (RowCallbackHandler) rs -> {
            RoleCounts roleCounts = new RoleCounts(rs.getInt("total"), rs.getInt("online"));
            Role.fromValue(rs.getString("role")).ifPresent(role -> counts.put(role, roleCounts));
        }, onlineThresholdSeconds);
        return counts;
    }

    /** The threshold bound to {@link #ONLINE}. */
    public double onlineThresholdSeconds() {
        return onlineThresholdSeconds;
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
