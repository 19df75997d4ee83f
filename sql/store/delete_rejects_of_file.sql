-- A reject that could not be read as far as its (account, day) is replaced when its file is loaded again.
DELETE FROM reject WHERE file = @File AND (account_id IS NULL OR usage_day IS NULL) AND load_id <> @LoadId;
