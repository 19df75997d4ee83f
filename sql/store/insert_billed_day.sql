INSERT INTO billed_day (day, currency, invoice_month, cost, credits)
VALUES (@Day, @Currency, @InvoiceMonth, @Cost, @Credits);
