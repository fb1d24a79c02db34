namespace Puma.Models.Tests;

/// <summary>
/// Locates ../shared (models and data fixtures). A test that needs it starts with
/// <see cref="SkipIfMissing"/> and is a <c>[SkippableFact]</c> / <c>[SkippableTheory]</c>: on a
/// fresh clone it reports Skipped with the reason. Under CI (CI=true) its absence is a failure,
/// never a skip.
/// </summary>
internal static class SharedFixtures
{
    private const string Missing = "../shared (model and data fixtures) was not found above the test directory";

    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>A path inside the shared folder; skips the test (fails it under CI) when the folder is missing.</summary>
    public static string Path(params string[] parts)
    {
        SkipIfMissing();
        return System.IO.Path.Combine([Root.Value!, .. parts]);
    }

    /// <summary>Skips the calling test when ../shared is missing; under CI=true throws instead, so the test fails.</summary>
    public static void SkipIfMissing()
    {
        if (Root.Value is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"CI=true but {Missing}.");
        Skip.IfNot(Root.Value is not null, $"{Missing} (a fresh clone; CI=true makes this a failure).");
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
