using Costs.CostApplication.Stages;

namespace Costs.CostApplication.Tests.Stages;

public class StagesTests
{
    [Fact]
    public void Parse_EveryStagesText_GivesTheStageBack() =>
        Assert.All(StageNames.All, s => Assert.Equal(s, StageNames.Parse(s.ToText())));

    [Fact]
    public void Parse_UnknownName_SaysWhichNamesThereAre()
    {
        var ex = Assert.Throws<FormatException>(() => StageNames.Parse("deliver"));
        Assert.Contains("collect, ingest, analyze, publish, alert, report", ex.Message, StringComparison.Ordinal);
    }
}
