namespace Puma.Cli.Tests;

/// <summary>
/// Locates ../shared (model and data fixtures) above the test directory. A test that needs it is
/// a <c>[SkippableFact]</c> and reports Skipped with the reason when it is absent (a fresh
/// clone); under CI=true its absence is a failure.
/// </summary>
internal static class SharedData
{
    private const string Missing = "../shared (model and data fixtures) was not found above the test directory";

    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>A path inside shared/; skips the calling test when shared/ is missing (fails it under CI).</summary>
    public static string Path(params string[] parts)
    {
        var root = Root.Value;
        if (root is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI=true but {Missing}.");
        Skip.IfNot(root is not null, $"{Missing} (a fresh clone; CI=true makes this a failure).");
        return System.IO.Path.Combine([root!, .. parts]);
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
