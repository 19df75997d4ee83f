DELETE FROM efficiency WHERE day = @Day;
