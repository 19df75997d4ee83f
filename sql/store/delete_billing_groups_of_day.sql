DELETE FROM billing_group WHERE usage_day = @Day;
