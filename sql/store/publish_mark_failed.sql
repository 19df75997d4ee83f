UPDATE publish_day SET last_error = @Error, job_id = @JobId
WHERE target = @Target AND day = @Day;
