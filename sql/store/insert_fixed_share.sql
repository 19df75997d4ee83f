INSERT INTO fixed_share (id, shape, invoice_month, currency, cost, credits)
VALUES (@Id, @Shape, @InvoiceMonth, @Currency, @Cost, @Credits);
