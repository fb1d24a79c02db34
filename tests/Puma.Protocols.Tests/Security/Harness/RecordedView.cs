namespace Puma.Protocols.Tests.Security;

/// <summary>What every member received in one run: the messages of each link, in arrival order.</summary>
internal sealed class RecordedView(IReadOnlyDictionary<Link, ulong[][]> messages)
{
    public IEnumerable<Link> Links => messages.Keys.OrderBy(l => l.Receiver).ThenBy(l => l.Sender);

    public IEnumerable<int> Receivers => Links.Select(l => l.Receiver).Distinct();

    /// <summary>All words received on <paramref name="link"/>, concatenated (none if it carried nothing).</summary>
    public ulong[] Words(Link link) => messages.TryGetValue(link, out var m) ? [.. m.SelectMany(w => w)] : [];

    /// <summary>The messages received on <paramref name="link"/>.</summary>
    public ulong[][] Messages(Link link) => messages.TryGetValue(link, out var m) ? m : [];

    /// <summary>The sizes (in words) of the messages on <paramref name="link"/>.</summary>
    public int[] MessageSizes(Link link) => messages.TryGetValue(link, out var m) ? [.. m.Select(w => w.Length)] : [];

    /// <summary>Everything <paramref name="member"/> received, on all its links.</summary>
    public ulong[] WordsTo(int member) => [.. Links.Where(l => l.Receiver == member).SelectMany(Words)];

    /// <summary>Everything anyone received.</summary>
    public ulong[] AllWords() => [.. Links.SelectMany(Words)];
}
