SELECT load_id AS LoadId, file AS File, line AS Line, field AS Field, value AS Value, message AS Message
FROM reject ORDER BY id;
