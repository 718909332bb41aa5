-- Online users per role and minute, for GET /activity/history. Any broadcaster writes a minute's rows once
-- (INSERT ... ON CONFLICT DO NOTHING on the key); rows past activity.history.retention are removed by the service.
CREATE TABLE IF NOT EXISTS activity_online_minute (
    minute TIMESTAMPTZ NOT NULL,
    role   TEXT        NOT NULL,
    online INTEGER     NOT NULL,
    PRIMARY KEY (minute, role)
);
