using Costs.CostReports.Delivery;

namespace Costs.CostReports.Tests.Delivery;

public sealed class SecretReaderTests
{
    [Fact]
    public void Read_EnvironmentVariable_Value() =>
        Assert.Equal("https://hooks.example/x", SecretReader.Read("SLACK_URL", n => n == "SLACK_URL" ? " https://hooks.example/x\n" : null));

    [Fact]
    public void Read_NameFileVariable_FileContent()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "from-file\n");
        try
        {
            Assert.Equal("from-file", SecretReader.Read("SMTP_PASSWORD", n => n == "SMTP_PASSWORD_FILE" ? path : null));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_Path_FileContent()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "mounted\n");
        try { Assert.Equal("mounted", SecretReader.Read(path, _ => null)); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Read_Missing_ErrorNamesReferenceOnly()
    {
        var ex = Assert.Throws<SecretException>(() => SecretReader.Read("SLACK_URL", _ => null));
        Assert.Contains("SLACK_URL", ex.Message);
    }

    [Fact]
    public void Read_Empty_Error() => Assert.Throws<SecretException>(() => SecretReader.Read("X", _ => "  "));
}
