UPDATE billing_day SET sku_hours = @SkuHours WHERE day = @Day AND account = @Account;
