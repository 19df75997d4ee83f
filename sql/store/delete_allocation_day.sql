DELETE FROM allocation WHERE day = @Day;
