using Puma.Protocols.Profiling;

namespace Puma.Cli.Profiling;

/// <summary>
/// One operator across the parties of a <see cref="RunProfile"/>: its figures at each party
/// (null where a party did not run it), and the time it is ranked by.
/// </summary>
/// <param name="Seconds">The slowest party's time: the parties run an operator together, so that is how long it held the run.</param>
internal sealed record ProfileRow(string Name, IReadOnlyList<OperatorFigures?> PerParty, double Seconds);
