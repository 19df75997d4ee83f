-- Days that hold billing lines but no reconciled totals: loaded and not analyzed yet.
SELECT DISTINCT b.usage_day FROM billing_line b
WHERE NOT EXISTS (SELECT 1 FROM billed_day d WHERE d.day = b.usage_day)
ORDER BY b.usage_day;
