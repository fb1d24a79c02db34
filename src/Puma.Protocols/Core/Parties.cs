namespace Puma.Protocols.Core;

/// <summary>Ring topology of the three computing parties: <c>next(i) = i+1</c>, <c>prev(i) = i-1</c> (mod 3).</summary>
public static class Parties
{
    /// <summary>Number of computing parties.</summary>
    public const int Count = 3;

    public static int Next(int party) => (party + 1) % Count;

    public static int Prev(int party) => (party + Count - 1) % Count;

    /// <summary>Normalises any integer to a party id (component index) in 0..2.</summary>
    public static int Wrap(int index) => ((index % Count) + Count) % Count;

    public static void Validate(int party)
    {
        if (party is < 0 or >= Count)
            throw new ArgumentOutOfRangeException(nameof(party), party, "Party ids are 0, 1 and 2.");
    }
}
