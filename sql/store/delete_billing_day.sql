DELETE FROM billing_line WHERE account_id = @AccountId AND usage_day = @Day;
