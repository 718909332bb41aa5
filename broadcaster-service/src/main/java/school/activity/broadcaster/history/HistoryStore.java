package school.activity.broadcaster.history;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import school.activity.broadcaster.snapshot.BroadcastProperties;
import school.activity.broadcaster.snapshot.ActivityQueries;
import school.activity.shared.contract.OnlineMinute;
import school.activity.shared.contract.Role;

/** {@code activity_online_minute}: the project's own table; minutes are the database clock's. */
@Repository
public class HistoryStore {

    /**
     * The current minute's online count per role, unless some instance wrote that minute already (then the count is
     * not even run). Two instances passing the check at once are settled by the key: the second insert does nothing.
     */
    private static final String RECORD_CURRENT_MINUTE = """
            INSERT INTO activity_online_minute (minute, role, online)
            SELECT date_trunc('minute', now()), r.role, count(a.user_id)
            FROM (VALUES ('student'), ('teacher'), ('parent')) AS r(role)
            LEFT JOIN users u ON u.role::text = r.role
            LEFT JOIN user_activity a ON a.user_id = u.id AND %s
            WHERE NOT EXISTS (SELECT 1 FROM activity_online_minute m WHERE m.minute = date_trunc('minute', now()))
            GROUP BY r.role
            ON CONFLICT (minute, role) DO NOTHING
            """.formatted(ActivityQueries.ONLINE);

    private static final String DELETE_EXPIRED_BATCH = """
            DELETE FROM activity_online_minute
            WHERE (minute, role) IN (
                SELECT minute, role FROM activity_online_minute
                WHERE minute < now() - make_interval(secs => ?)
                ORDER BY minute
                LIMIT ?)
            """;

    /** The current minute and the {@code ? - 1} before it. */
    private static final String LAST_MINUTES = """
            SELECT minute, role, online FROM activity_online_minute
            WHERE minute > date_trunc('minute', now()) - make_interval(mins => ?)
            ORDER BY minute, role
            """;

    private final JdbcTemplate jdbc;
    private final double onlineThresholdSeconds;

    public HistoryStore(DataSource dataSource, ActivityQueries queries, BroadcastProperties broadcast) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(Math.toIntExact(Math.max(1, broadcast.queryTimeout().toSeconds())));
        this.onlineThresholdSeconds = queries.onlineThresholdSeconds();
    }

    /** @return true if this call wrote the current minute, false if it was written already */
    public boolean recordCurrentMinute() {
        return jdbc.update(RECORD_CURRENT_MINUTE, onlineThresholdSeconds) > 0;
    }

    /** Deletes rows older than {@code retention}, {@code batchSize} at a time; returns how many went. */
    public int deleteOlderThan(Duration retention, int batchSize) {
        double seconds = retention.toNanos() / 1_000_000_000.0;
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update(DELETE_EXPIRED_BATCH, seconds, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    /** One point per minute that has rows, oldest first; a role without a row in a minute counts 0. */
    public List<OnlineMinute> lastMinutes(int minutes) {
        Map<Instant, int[]> byMinute = new LinkedHashMap<>();
        jdbc.query(LAST_MINUTES, (RowCallbackHandler) rs -> {
            Instant minute = rs.getObject("minute", OffsetDateTime.class).toInstant();
            int online = rs.getInt("online");
            Role.fromValue(rs.getString("role")).ifPresent(role ->
                    byMinute.computeIfAbsent(minute, m -> new int[Role.values().length])[role.ordinal()] = online);
        }, minutes);
        List<OnlineMinute> points = new ArrayList<>(byMinute.size());
        byMinute.forEach((minute, counts) -> points.add(new OnlineMinute(minute, counts[Role.STUDENT.ordinal()],
                counts[Role.TEACHER.ordinal()], counts[Role.PARENT.ordinal()])));
        return points;
    }
}
