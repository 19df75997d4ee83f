DELETE FROM billed_day WHERE day = @Day;
