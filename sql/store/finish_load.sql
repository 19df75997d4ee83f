UPDATE load SET line_count = @LineCount, reject_count = @RejectCount, day_count = @DayCount WHERE id = @Id;
