UPDATE publish_day SET published = @Version, published_at = @At, job_id = @JobId, last_error = NULL
WHERE target = @Target AND day = @Day;
