-- @Start and @EndExclusive: the day's number << 32 and the next day's.
DELETE FROM allocation WHERE id >= @Start AND id < @EndExclusive;
