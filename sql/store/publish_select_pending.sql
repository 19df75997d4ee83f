SELECT day, analyzed FROM publish_day
WHERE target = @Target AND (published IS NULL OR published < analyzed)
ORDER BY day;
