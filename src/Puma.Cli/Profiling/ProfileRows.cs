using Puma.Protocols.Profiling;

namespace Puma.Cli.Profiling;

/// <summary>
/// One operator across the parties of a <see cref="RunProfile"/>: its figures at each party
/// (null where a party did not run it), and the time it is ranked by.
/// </summary>
/// <param name="Seconds">The slowest party's time: the parties run an operator together, so that is how long it held the run.</param>
internal sealed record ProfileRow(string Name, IReadOnlyList<OperatorFigures?> PerParty, double Seconds);

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
