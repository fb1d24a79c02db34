namespace Puma.Models.Tests;

/// <summary>
/// Locates ../shared (models and data fixtures). Tests that need it run whenever it exists; under
/// CI (CI=true) its absence is a failure, never a silent skip.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The shared folder; throws under CI if it is missing.</summary>
    public static string Path(params string[] parts)
    {
        var root = Root.Value ?? throw new InvalidOperationException(
            "../shared (model fixtures) was not found above the test directory; CI requires it.");
        return System.IO.Path.Combine([root, .. parts]);
    }

    /// <summary>Whether fixtures exist; false only outside CI (where tests may then return early).</summary>
    public static bool Available
    {
        get
        {
            if (Root.Value is not null) return true;
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException("CI=true but ../shared (model fixtures) is missing.");
            return false;
        }
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
