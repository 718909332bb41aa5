package school.activity.shared.schema;

/**
 * The one statement that writes activity into {@code user_activity}: a whole batch in one round trip, bound as three
 * arrays (user ids, phones, epoch microseconds). Rows for users missing from {@code users} are left out and counted;
 * {@code last_active} only moves forward; {@code phone} is the event's, else the user's; times are UTC
 * {@code TIMESTAMP}s built from epoch microseconds, so neither the JVM's nor the session's time zone takes part.
 * Shared so that the ingest benchmark measures PostgreSQL's ceiling with exactly this statement.
 */
public final class ActivityUpsert {

    /** Where the batch comes from: the three bound arrays, as rows of (user_id, phone, epoch_micros). */
    public static final String BOUND_BATCH =
            "SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::bigint[]) AS b(user_id, phone, epoch_micros)";

    /** Returns one row: {@code written} (rows inserted or moved forward) and {@code unknown} (the ids of no user). */
    public static final String STATEMENT = statement(BOUND_BATCH);

    private ActivityUpsert() {
    }

    /** The statement with another source for the batch's (user_id, phone, epoch_micros) rows. */
    public static String statement(String batchSource) {
        return """
                WITH batch AS (
                    %s
                ), known AS (
                    SELECT u.id AS user_id, COALESCE(b.phone, u.phone) AS phone,
                           'epoch'::timestamp + b.epoch_micros * interval '1 microsecond' AS last_active
                    FROM batch b JOIN users u ON u.id = b.user_id
                ), written AS (
                    INSERT INTO user_activity AS a (user_id, phone, last_active, created_at, updated_at)
                    SELECT user_id, phone, last_active, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                    FROM known ORDER BY user_id
                    ON CONFLICT (user_id) DO UPDATE
                        SET last_active = EXCLUDED.last_active, phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
                        WHERE a.last_active IS NULL OR a.last_active < EXCLUDED.last_active
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM written) AS written,
                       ARRAY(SELECT b.user_id FROM batch b WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.user_id = b.user_id)
                             ORDER BY b.user_id) AS unknown
                """.formatted(batchSource);
    }
}
