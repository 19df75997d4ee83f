-- The next free line id of a day (ids run from the day number << 32).
SELECT ifnull(max(id) + 1, @Start) FROM billing_line WHERE id >= @Start AND id < @EndExclusive;
