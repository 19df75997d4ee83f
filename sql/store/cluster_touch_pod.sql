UPDATE cluster_pod SET last_seen = @TakenAt WHERE id = @Id;
