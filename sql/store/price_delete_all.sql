DELETE FROM price_rate;
