DELETE FROM billing_line WHERE usage_day = @Day AND account = @Account;
