SELECT id FROM allocation_shape WHERE key = @Key;
