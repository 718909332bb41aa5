package school.activity.broadcaster.status;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import school.activity.broadcaster.snapshot.BroadcastProperties;

/** The rows through which the instances of a cluster see each other's connection counts. */
@Repository
public class InstanceRegistry {

    private static final String UPSERT = """
            INSERT INTO activity_broadcaster_instance
                (instance_id, student_connections, teacher_connections, parent_connections, max_connections, heartbeat_at)
            VALUES (?, ?, ?, ?, ?, now() AT TIME ZONE 'utc')
            ON CONFLICT (instance_id) DO UPDATE SET
                student_connections = EXCLUDED.student_connections,
                teacher_connections = EXCLUDED.teacher_connections,
                parent_connections = EXCLUDED.parent_connections,
                max_connections = EXCLUDED.max_connections,
                heartbeat_at = EXCLUDED.heartbeat_at
            """;

    private static final String PRUNE_STALE = """
            DELETE FROM activity_broadcaster_instance
            WHERE heartbeat_at < (now() AT TIME ZONE 'utc') - make_interval(secs => ?)
            """;

    private static final String DELETE_OWN = "DELETE FROM activity_broadcaster_instance WHERE instance_id = ?";

    private static final String SUM_OTHERS = """
            SELECT COALESCE(SUM(student_connections), 0) AS students,
                   COALESCE(SUM(teacher_connections), 0) AS teachers,
                   COALESCE(SUM(parent_connections), 0) AS parents,
                   COALESCE(SUM(max_connections), 0) AS max_connections,
                   COUNT(*) AS instances
            FROM activity_broadcaster_instance
            WHERE instance_id <> ?
              AND heartbeat_at >= (now() AT TIME ZONE 'utc') - make_interval(secs => ?)
            """;

    private final JdbcTemplate jdbc;

    public InstanceRegistry(DataSource dataSource, BroadcastProperties broadcast) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout(Math.toIntExact(Math.max(1, broadcast.queryTimeout().toSeconds())));
    }

    public void beat(String instanceId, InstanceCounts counts) {
        jdbc.update(UPSERT, instanceId, counts.students(), counts.teachers(), counts.parents(),
                counts.maxConnections());
    }

    /** Removes the rows of instances that stopped without saying so; they are ignored already. */
    public int pruneStale(Duration expiry) {
        return jdbc.update(PRUNE_STALE, seconds(expiry));
    }

    public void remove(String instanceId) {
        jdbc.update(DELETE_OWN, instanceId);
    }

    /** The live instances other than {@code instanceId}, summed. */
    public ClusterCounts others(String instanceId, Duration expiry) {
        return jdbc.queryForObject(SUM_OTHERS, (rs, row) -> new ClusterCounts(
                new InstanceCounts(rs.getLong("students"), rs.getLong("teachers"), rs.getLong("parents"),
                        rs.getLong("max_connections")),
                rs.getInt("instances")), instanceId, seconds(expiry));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1_000_000_000.0;
    }

    /** Connection counts of one instance or a sum of several; {@code maxConnections} is per channel. */
    public record InstanceCounts(long students, long teachers, long parents, long maxConnections) {

        InstanceCounts plus(InstanceCounts other) {
            return new InstanceCounts(students + other.students, teachers + other.teachers,
                    parents + other.parents, maxConnections + other.maxConnections);
        }
    }

    /** A sum over {@code instances} live instances. */
    public record ClusterCounts(InstanceCounts counts, int instances) {
    }
}
