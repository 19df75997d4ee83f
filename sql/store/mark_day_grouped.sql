UPDATE billing_day SET grouped = 1 WHERE day = @Day;
