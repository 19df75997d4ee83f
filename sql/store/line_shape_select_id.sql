SELECT id FROM line_shape WHERE key = @Key;
