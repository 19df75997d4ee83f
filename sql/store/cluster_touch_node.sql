UPDATE cluster_node SET last_seen = max(last_seen, @TakenAt) WHERE id = @Id;
