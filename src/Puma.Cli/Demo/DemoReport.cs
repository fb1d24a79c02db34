using System.Globalization;
using Puma.Cli.Output;

namespace Puma.Cli.Demo;

/// <summary>Prints a <see cref="DemoResult"/>: inputs, plaintext vs secure results, and each party's costs.</summary>
internal static class DemoReport
{
    /// <summary>Rows of the element table beyond which only the first ones are printed.</summary>
    private const int MaxRows = 16;

    public static void Write(DemoResult result, string transport, TextWriter output)
    {
        int length = result.X.Length;
        output.WriteLine($"A client secret-shares two {length}-element fixed-point vectors x and y (f = {result.FractionalBits} bits).");
        output.WriteLine($"P0, P1 and P2 compute x*y and dot(x, y) on shares over {transport}; only the client sees the results.");
        output.WriteLine();

        var elements = new Table(">i", ">x", ">y", ">x*y plaintext", ">x*y secure", ">error");
        for (int i = 0; i < Math.Min(length, MaxRows); i++)
        {
            elements.Add(i.ToString(CultureInfo.InvariantCulture), Fixed(result.X[i]), Fixed(result.Y[i]),
                Fixed(result.PlainProduct[i]), Fixed(result.SecureProduct[i]), Error(result.SecureProduct[i] - result.PlainProduct[i]));
        }
        elements.Write(output);
        if (length > MaxRows) output.WriteLine($"... {length - MaxRows} more elements");
        output.WriteLine();
        output.WriteLine($"dot(x, y): plaintext {Fixed(result.PlainDot)}  secure {Fixed(result.SecureDot)}  error {Error(result.SecureDot - result.PlainDot)}");
        output.WriteLine($"max |error| = {Error(result.MaxError)} (one fixed-point ulp = {Error(result.Ulp)})");
        output.WriteLine($"client wall time, sharing to results: {Units.Seconds(result.ClientSeconds)}");
        output.WriteLine();

        output.WriteLine("Per party, from its profiler (scopes are inclusive; bytes are payload bytes this party sent):");
        var costs = new Table(">party", "operator", ">calls", ">time", ">bytes sent", ">rounds");
        for (int party = 0; party < result.Profiles.Count; party++)
        {
            foreach (var entry in result.Profiles[party])
            {
                costs.Add($"P{party}", entry.Name, entry.Calls.ToString(CultureInfo.InvariantCulture), Units.Seconds(entry.Time.TotalSeconds),
                    entry.BytesSent.ToString("N0", CultureInfo.InvariantCulture), entry.Rounds.ToString(CultureInfo.InvariantCulture));
            }
        }
        costs.Write(output);
    }

    private static string Fixed(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string Error(double value) => value.ToString("0.0e+0", CultureInfo.InvariantCulture);
}
