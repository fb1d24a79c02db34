using System.Globalization;

namespace Puma.Cli.Output;

/// <summary>Human-readable numbers for tables: SI prefixes for rates, adaptive units for times.</summary>
internal static class Units
{
    private static readonly (double Scale, string Prefix)[] Prefixes = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")];

    /// <summary>E.g. 2.31e9 → "2.31 G".</summary>
    public static string Si(double value)
    {
        foreach (var (scale, prefix) in Prefixes)
        {
            if (Math.Abs(value) >= scale) return $"{Number(value / scale)} {prefix}";
        }
        return Number(value);
    }

    /// <summary>E.g. 0.00123 → "1.23 ms".</summary>
    public static string Seconds(double seconds) => seconds switch
    {
        >= 1 => $"{Number(seconds)} s",
        >= 1e-3 => $"{Number(seconds * 1e3)} ms",
        _ => $"{Number(seconds * 1e6)} us",
    };

    /// <summary>Three significant digits, invariant culture.</summary>
    public static string Number(double value)
        => value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
}
