-- Live broadcaster instances and their connection counts, so any instance can answer for the whole cluster.
-- Each instance refreshes its own row every few seconds; rows older than the expiry are not counted.
CREATE TABLE IF NOT EXISTS activity_broadcaster_instance (
    instance_id         VARCHAR(200) PRIMARY KEY,
    student_connections INTEGER   NOT NULL DEFAULT 0,
    teacher_connections INTEGER   NOT NULL DEFAULT 0,
    parent_connections  INTEGER   NOT NULL DEFAULT 0,
    max_connections     INTEGER   NOT NULL DEFAULT 0,
    heartbeat_at        TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
);

CREATE INDEX IF NOT EXISTS idx_broadcaster_instance_heartbeat ON activity_broadcaster_instance(heartbeat_at);
