UPDATE cluster_namespace SET last_seen = max(last_seen, @TakenAt) WHERE id = @Id;
