UPDATE cluster_namespace SET last_seen = @TakenAt WHERE id = @Id;
