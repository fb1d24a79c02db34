using System.Text.Json;
using System.Text.Json.Serialization;

namespace Puma.Protocols.Profiling;

/// <summary>
/// The file written by <c>--profile FILE.json</c>: for each party, its whole-run totals and the
/// time, payload bytes and rounds of each operator scope (scopes nest and are inclusive, so
/// operators do not add up to the totals). One schema for every writer: an embedded run lists
/// all three parties, a party process lists itself. Read back with <see cref="Load"/>.
/// </summary>
/// <param name="Command">What ran, e.g. "puma classify".</param>
/// <param name="Transport">Links between the parties, e.g. "inproc" or "tls".</param>
/// <param name="Network">The emulated network (<c>--net</c>), or null for none.</param>
public sealed record RunProfile(int Version, string Command, string Transport, string? Network, IReadOnlyList<PartyProfile> Parties)
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Options) + Environment.NewLine);

    /// <exception cref="InvalidDataException">The file is missing, not JSON, or not a valid profile; the message names the file and what is wrong.</exception>
    public static RunProfile Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"Profile '{path}' does not exist.");
        RunProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize<RunProfile>(File.ReadAllText(path), Options);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path}: not a Puma profile: {error.Message}", error);
        }
        if (profile is null) throw new InvalidDataException($"{path}: not a Puma profile (it holds JSON null).");
        string? problem = profile.Problem();
        return problem is null ? profile : throw new InvalidDataException($"{path}: {problem}.");
    }

    /// <summary>The first thing wrong with the figures, or null.</summary>
    private string? Problem()
    {
        if (Version != CurrentVersion) return $"'version' is {Version}; this build reads profile version {CurrentVersion}";
        var duplicate = Parties.GroupBy(p => p.Party).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return $"party {duplicate.Key} is listed twice";
        for (int i = 0; i < Parties.Count; i++)
        {
            var party = Parties[i];
            string field = $"parties[{i}]";
            if (party.Party is < 0 or > 2) return $"'{field}.party' must be 0, 1 or 2, not {party.Party}";
            if (!(party.Seconds >= 0) || party.BytesSent < 0 || party.BytesReceived < 0 || party.Rounds < 0)
                return $"'{field}' has a negative or non-numeric total";
            for (int j = 0; j < party.Operators.Count; j++)
            {
                var entry = party.Operators[j];
                string name = $"{field}.operators[{j}]";
                if (string.IsNullOrWhiteSpace(entry.Name)) return $"'{name}.name' must be a non-empty string";
                if (entry.Calls < 0 || !(entry.Seconds >= 0) || entry.BytesSent < 0 || entry.BytesReceived < 0 || entry.Rounds < 0)
                    return $"'{name}' ({entry.Name}) has a negative or non-numeric figure";
            }
        }
        return null;
    }
}

/// <summary>One party's figures: the whole run (setup included) and each operator scope.</summary>
public sealed record PartyProfile(int Party, double Seconds, long BytesSent, long BytesReceived, long Rounds, IReadOnlyList<OperatorFigures> Operators);

/// <summary>One operator scope at one party, summed over its calls.</summary>
public sealed record OperatorFigures(string Name, long Calls, double Seconds, long BytesSent, long BytesReceived, long Rounds);
