using System.Diagnostics;

namespace Puma.Protocols.Profiling;

/// <summary>
/// Accumulates wall time, payload bytes and rounds per named operator. Scopes nest and are
/// inclusive: an operator's figures contain those of the operators it calls.
/// </summary>
public sealed class Profiler
{
    private readonly Dictionary<string, OperatorProfile> _entries = new(StringComparer.Ordinal);
    private readonly Stack<string> _open = new();
    private readonly Func<(long Sent, long Received, long Rounds)> _readCounters;

    public Profiler(Func<(long Sent, long Received, long Rounds)> readCounters) => _readCounters = readCounters;

    /// <summary>The innermost open operator, for error messages ("party 1 … during softmax").</summary>
    public string CurrentOperation => _open.Count == 0 ? "no operator" : string.Join(" > ", _open.Reverse());

    /// <summary>The accumulated figures, one entry per operator name, in first-use order.</summary>
    public IReadOnlyCollection<OperatorProfile> Entries => _entries.Values;

    /// <summary>Opens a scope; dispose it to add its figures to <paramref name="name"/>.</summary>
    public Scope Begin(string name)
    {
        _open.Push(name);
        var (sent, received, rounds) = _readCounters();
        return new Scope(this, name, Stopwatch.GetTimestamp(), sent, received, rounds);
    }

    private void End(in Scope scope)
    {
        var (sent, received, rounds) = _readCounters();
        if (!_entries.TryGetValue(scope.Name, out var entry)) _entries[scope.Name] = entry = new OperatorProfile(scope.Name);
        entry.Add(Stopwatch.GetElapsedTime(scope.StartTimestamp), sent - scope.StartSent, received - scope.StartReceived, rounds - scope.StartRounds);
        _open.Pop();
    }

    /// <summary>An open profiler scope.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Profiler _owner;

        internal Scope(Profiler owner, string name, long startTimestamp, long startSent, long startReceived, long startRounds)
        {
            _owner = owner;
            Name = name;
            StartTimestamp = startTimestamp;
            StartSent = startSent;
            StartReceived = startReceived;
            StartRounds = startRounds;
        }

        internal string Name { get; }
        internal long StartTimestamp { get; }
        internal long StartSent { get; }
        internal long StartReceived { get; }
        internal long StartRounds { get; }

        public void Dispose() => _owner?.End(this);
    }
}
