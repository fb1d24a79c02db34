namespace Puma.Cli.Tests;

/// <summary>
/// The tests that start party processes run one at a time: three servers per test already fill
/// the two cores of a CI runner, and their failure tests bound how fast a failure is reported.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PartyProcessCollection
{
    public const string Name = "party processes";
}
