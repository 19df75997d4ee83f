SELECT text FROM dictionary WHERE id = @Id;
