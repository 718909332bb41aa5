-- Demo users for the local cluster (scripts/cluster.sh seed): :students, :teachers and :parents of each role,
-- numbered, each with its own phone number. Idempotent: a user whose phone number exists is not added again.
INSERT INTO users (phone, full_name, role)
SELECT seeded.phone, seeded.full_name, seeded.role
FROM (
    SELECT r.role,
           format('%s %s', r.label, n) AS full_name,
           format('+1555%s%s', r.code, lpad(n::text, 6, '0')) AS phone
    FROM (VALUES ('student', 'Student', 1, :students),
                 ('teacher', 'Teacher', 2, :teachers),
                 ('parent', 'Parent', 3, :parents)) AS r(role, label, code, how_many)
    CROSS JOIN LATERAL generate_series(1, r.how_many) AS n
) AS seeded
WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.phone = seeded.phone)
ORDER BY seeded.role, seeded.phone;
