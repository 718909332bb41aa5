-- The seed's table, adopted where a database already ran the seed's version: same columns, same indexes.
-- Times are UTC; the service always writes them explicitly, the defaults only matter to other writers.
CREATE TABLE IF NOT EXISTS user_activity (
    id          SERIAL PRIMARY KEY,
    user_id     INTEGER UNIQUE REFERENCES users(id),
    phone       VARCHAR,
    last_active TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),
    created_at  TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc'),
    updated_at  TIMESTAMP DEFAULT (now() AT TIME ZONE 'utc')
);

CREATE INDEX IF NOT EXISTS idx_activity_last_active ON user_activity(last_active);
CREATE INDEX IF NOT EXISTS idx_activity_phone ON user_activity(phone);
CREATE INDEX IF NOT EXISTS idx_activity_user_id ON user_activity(user_id);
