UPDATE cluster_pod SET last_seen = max(last_seen, @TakenAt) WHERE id = @Id;
