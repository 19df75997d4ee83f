-- A load that holds an (account, day) replaces the rejects earlier loads kept for it, as it replaces its lines.
DELETE FROM reject WHERE account_id = @AccountId AND usage_day = @Day AND load_id <> @LoadId;
