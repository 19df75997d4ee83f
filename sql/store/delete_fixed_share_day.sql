DELETE FROM fixed_share WHERE day = @Day;
