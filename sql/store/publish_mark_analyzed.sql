INSERT INTO publish_day (target, day, analyzed) VALUES (@Target, @Day, 1)
ON CONFLICT (target, day) DO UPDATE SET analyzed = analyzed + 1;
