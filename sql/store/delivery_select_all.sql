SELECT key, channel, state, attempts, created_at, updated_at, outcome
FROM delivery
ORDER BY key, channel;
