INSERT INTO delivery (key, channel, state, attempts, created_at, updated_at, outcome)
VALUES (@Key, @Channel, 'pending', 1, @At, @At, NULL)
ON CONFLICT (key, channel) DO UPDATE SET
    state = 'pending', attempts = delivery.attempts + 1, updated_at = excluded.updated_at, outcome = NULL
WHERE delivery.state = 'failed';
