DELETE FROM billing_sku_hour WHERE usage_day = @Day;
