namespace Costs.CostIngest.Files;

/// <summary>
/// A billing file that cannot be read as a whole (a gzip stream cut short, an encoding other than
/// UTF-8): not a bad row but a bad file, so the load that reads it changes nothing. The message names
/// the file. A <see cref="FormatException"/>, like every other reason to reject input.
/// </summary>
public sealed class BadFileException(string path, string message) : FormatException($"{path}: {message}")
{
    public string Path { get; } = path;
}
