package school.activity.broadcaster.support;

import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import school.activity.shared.contract.Role;

/** Seeds users and their activity straight into PostgreSQL; times are relative to the database clock, in UTC. */
public final class School {

    private static final AtomicInteger PHONES = new AtomicInteger(1_000_000);

    private final JdbcTemplate jdbc;

    public School(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A user with a unique phone; returns the id. */
    public long addUser(Role role, String fullName) {
        return addUser(role.value(), fullName, "+99890" + PHONES.incrementAndGet());
    }

    public long addUser(String role, String fullName, String phone) {
        return jdbc.queryForObject("INSERT INTO users (phone, full_name, role) VALUES (?, ?, ?) RETURNING id",
                Long.class, phone, fullName, role);
    }

    /** Marks the user active {@code seconds} ago by the database clock, keeping the user's phone. */
    public void activeSecondsAgo(long userId, double seconds) {
        jdbc.update("""
                INSERT INTO user_activity (user_id, phone, last_active, created_at, updated_at)
                SELECT id, phone, (now() AT TIME ZONE 'utc') - make_interval(secs => ?),
                       now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'
                FROM users WHERE id = ?
                ON CONFLICT (user_id) DO UPDATE SET last_active = EXCLUDED.last_active, updated_at = EXCLUDED.updated_at
                """, seconds, userId);
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }
}
