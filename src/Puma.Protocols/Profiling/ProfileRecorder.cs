using Puma.Protocols.Core;

namespace Puma.Protocols.Profiling;

/// <summary>
/// Collects what each party's <see cref="Profiler"/> measured into one <see cref="RunProfile"/>.
/// A command may run the parties several times (evaluation scores in batches); the figures of
/// every run are added up, per party and operator. Thread-safe: parties record from their own threads.
/// </summary>
public sealed class ProfileRecorder
{
    private readonly object _gate = new();
    private readonly SortedDictionary<int, PartyTally> _parties = [];

    /// <summary>Adds one run of <paramref name="context"/>'s party, which took <paramref name="elapsed"/> in all.</summary>
    public void Record(PartyContext context, TimeSpan elapsed)
    {
        var operators = context.Profiler.Entries
            .Select(e => new OperatorFigures(e.Name, e.Calls, e.Time.TotalSeconds, e.BytesSent, e.BytesReceived, e.Rounds))
            .ToArray();
        lock (_gate)
        {
            if (!_parties.TryGetValue(context.Id, out var tally)) _parties[context.Id] = tally = new PartyTally();
            tally.Add(elapsed.TotalSeconds, context.Net.BytesSent, context.Net.BytesReceived, context.Net.Rounds, operators);
        }
    }

    public RunProfile ToProfile(string command, string transport, string? network)
    {
        lock (_gate)
        {
            return new RunProfile(RunProfile.CurrentVersion, command, transport, network,
                [.. _parties.Select(p => p.Value.ToProfile(p.Key))]);
        }
    }

    private sealed class PartyTally
    {
        private readonly Dictionary<string, OperatorFigures> _operators = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];
        private double _seconds;
        private long _sent, _received, _rounds;

        public void Add(double seconds, long sent, long received, long rounds, IEnumerable<OperatorFigures> operators)
        {
            _seconds += seconds;
            _sent += sent;
            _received += received;
            _rounds += rounds;
            foreach (var entry in operators)
            {
                if (_operators.TryGetValue(entry.Name, out var sum))
                {
                    _operators[entry.Name] = sum with
                    {
                        Calls = sum.Calls + entry.Calls,
                        Seconds = sum.Seconds + entry.Seconds,
                        BytesSent = sum.BytesSent + entry.BytesSent,
                        BytesReceived = sum.BytesReceived + entry.BytesReceived,
                        Rounds = sum.Rounds + entry.Rounds,
                    };
                }
                else
                {
                    _operators[entry.Name] = entry;
                    _order.Add(entry.Name);
                }
            }
        }

        public PartyProfile ToProfile(int party) =>
            new(party, _seconds, _sent, _received, _rounds, [.. _order.Select(name => _operators[name])]);
    }
}
