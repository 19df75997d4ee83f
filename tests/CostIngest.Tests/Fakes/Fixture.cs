namespace Costs.CostIngest.Tests.Fakes;

public static class Fixture
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(Path(parts));

    public static string Error(string name) => Text("Fakes", "fixtures", name);
}
