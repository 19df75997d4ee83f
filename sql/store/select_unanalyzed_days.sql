-- Days that hold billing lines but no reconciled totals: loaded and not analyzed yet.
SELECT DISTINCT b.day FROM billing_day b
WHERE NOT EXISTS (SELECT 1 FROM billed_day d WHERE d.day = b.day)
ORDER BY b.day;
