INSERT INTO reject (load_id, file, line, field, value, message)
VALUES (@LoadId, @File, @Line, @Field, @Value, @Message);
