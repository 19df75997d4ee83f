INSERT INTO billing_day (day, account, line_count) VALUES (@Day, @Account, @LineCount)
ON CONFLICT (day, account) DO UPDATE SET line_count = excluded.line_count;
