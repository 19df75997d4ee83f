SELECT id FROM dictionary WHERE text = @Text;
