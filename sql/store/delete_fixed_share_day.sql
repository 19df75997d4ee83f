-- @Start and @EndExclusive: the day's number << 32 and the next day's.
DELETE FROM fixed_share WHERE id >= @Start AND id < @EndExclusive;
