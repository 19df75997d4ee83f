UPDATE cluster_node SET last_seen = @TakenAt WHERE id = @Id;
