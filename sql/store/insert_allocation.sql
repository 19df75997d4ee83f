INSERT INTO allocation (id, shape, invoice_month, currency, cost, credits)
VALUES (@Id, @Shape, @InvoiceMonth, @Currency, @Cost, @Credits);
