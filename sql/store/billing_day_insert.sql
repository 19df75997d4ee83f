-- A load writes a day's groups with its lines.
INSERT INTO billing_day (day, account, line_count, grouped) VALUES (@Day, @Account, @LineCount, 1)
ON CONFLICT (day, account) DO UPDATE SET line_count = excluded.line_count, grouped = 1;
