namespace Puma.Cli.Tests;

/// <summary>
/// Locates ../shared (model and data fixtures) above the test directory. Tests return early
/// when it is absent outside CI; under CI=true its absence is a failure.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>A path inside shared/, or null when shared/ is absent outside CI.</summary>
    public static string? Path(params string[] parts)
    {
        if (Root.Value is { } root) return System.IO.Path.Combine([root, .. parts]);
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("CI=true but ../shared (model fixtures) is missing.");
        return null;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "models");
            if (Directory.Exists(candidate)) return System.IO.Path.Combine(dir.FullName, "shared");
        }
        return null;
    }
}
