INSERT INTO dictionary (text) VALUES (@Text) RETURNING id;
