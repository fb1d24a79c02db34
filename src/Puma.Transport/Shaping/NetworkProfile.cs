using System.Globalization;

namespace Puma.Transport;

/// <summary>
/// An emulated network for <see cref="ShapedChannel"/>: a bandwidth and a round-trip time, the
/// same on each direction of every link (each direction is delayed by half the round trip).
/// </summary>
/// <param name="Name">"lan", "wan", or the RATE_MBPS,RTT_MS text it was read from.</param>
public sealed record NetworkProfile(string Name, double MegabitsPerSecond, double RoundTripMilliseconds)
{
    /// <summary>PUMA's LAN: 5 Gbps, 1 ms round trip.</summary>
    public static NetworkProfile Lan { get; } = new("lan", 5000, 1);

    /// <summary>A WAN: 400 Mbps, 40 ms round trip.</summary>
    public static NetworkProfile Wan { get; } = new("wan", 400, 40);

    /// <summary>What <see cref="TryParse"/> accepts, for usage messages.</summary>
    public const string Syntax = "lan, wan or RATE_MBPS,RTT_MS (e.g. 1000,10)";

    public double BytesPerSecond => MegabitsPerSecond * 1e6 / 8;

    /// <summary>The delay of each direction: half the round trip.</summary>
    public TimeSpan OneWayDelay => TimeSpan.FromMilliseconds(RoundTripMilliseconds / 2);

    /// <summary>Reads "lan", "wan" or "RATE_MBPS,RTT_MS" (rate &gt; 0, round trip ≥ 0, both finite); null if it is none of them.</summary>
    public static NetworkProfile? TryParse(string text)
    {
        if (text == Lan.Name) return Lan;
        if (text == Wan.Name) return Wan;
        var parts = text.Split(',');
        if (parts.Length != 2) return null;
        const NumberStyles style = NumberStyles.AllowDecimalPoint;
        bool valid = double.TryParse(parts[0], style, CultureInfo.InvariantCulture, out double rate)
            & double.TryParse(parts[1], style, CultureInfo.InvariantCulture, out double roundTrip);
        return valid && rate > 0 && double.IsFinite(rate) && double.IsFinite(roundTrip) && roundTrip <= TimeSpan.FromHours(1).TotalMilliseconds
            ? new NetworkProfile(text, rate, roundTrip)
            : null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({MegabitsPerSecond:0.###} Mbps, {RoundTripMilliseconds:0.###} ms round trip)");
}
