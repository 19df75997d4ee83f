-- A (billing account, usage day)'s lines and their sums. @Start and @EndExclusive bound the day's ids.
DELETE FROM billing_line
WHERE id >= @Start AND id < @EndExclusive AND shape IN (SELECT id FROM line_shape WHERE account = @Account);
DELETE FROM billing_group
WHERE usage_day = @Day AND shape IN (SELECT id FROM line_shape WHERE account = @Account);
DELETE FROM billing_sku_hour
WHERE usage_day = @Day AND account = @Account;
