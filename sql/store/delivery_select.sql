SELECT key, channel, state, attempts, created_at, updated_at, outcome
FROM delivery
WHERE key = @Key AND channel = @Channel;
