UPDATE delivery SET state = @State, updated_at = @At, outcome = @Outcome
WHERE key = @Key AND channel = @Channel AND state = 'pending';
