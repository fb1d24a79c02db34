using Puma.Protocols.Profiling;

namespace Puma.Cli.Profiling;

/// <summary>The operators of a profile as rows across its parties.</summary>
internal static class ProfileRows
{
    /// <summary>Every operator any party ran, slowest first (ties in first-use order).</summary>
    public static IReadOnlyList<ProfileRow> SortedByTime(RunProfile profile)
    {
        var names = profile.Parties.SelectMany(p => p.Operators.Select(o => o.Name)).Distinct(StringComparer.Ordinal);
        return [.. names
            .Select(name =>
            {
                var perParty = profile.Parties.Select(p => p.Operators.FirstOrDefault(o => o.Name == name)).ToArray();
                return new ProfileRow(name, perParty, perParty.Max(o => o?.Seconds ?? 0));
            })
            .OrderByDescending(row => row.Seconds)];
    }
}
