-- The platform's own table. Created only where it does not exist yet (a fresh database, the demo);
-- an existing one is adopted exactly as it is: no column, index or row of it is changed.
CREATE TABLE IF NOT EXISTS users (
    id        SERIAL PRIMARY KEY,
    phone     VARCHAR,
    full_name VARCHAR,
    role      VARCHAR
);
