INSERT INTO reject (load_id, file, line, field, value, message, usage_day, account_id, invoice_month, currency, amount)
VALUES (@LoadId, @File, @Line, @Field, @Value, @Message, @UsageDay, @AccountId, @InvoiceMonth, @Currency, @Amount);
