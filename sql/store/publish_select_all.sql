SELECT target, day, analyzed, published, published_at, job_id, last_error FROM publish_day
WHERE target = @Target
ORDER BY day;
