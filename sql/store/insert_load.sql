INSERT INTO load (started_at, sources, line_count, reject_count, day_count)
VALUES (@StartedAt, @Sources, 0, 0, 0)
RETURNING id;
