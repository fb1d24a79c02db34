using System.Globalization;

namespace Puma.Cli.Serving;

/// <summary>What <c>puma client classify</c> prints: the label, each class's probability and logit, and the time.</summary>
internal sealed record ClientClassifyReport(string Text, int Tokens, string Label, IReadOnlyList<string> Labels, double[] Probabilities, double[] Logits, double Seconds)
{
    public void Write(TextWriter output)
    {
        output.WriteLine($"{Label}  ({Tokens} tokens, {Seconds.ToString("F2", CultureInfo.InvariantCulture)} s through the three parties)");
        for (var i = 0; i < Labels.Count; i++)
            output.WriteLine($"    {Labels[i],-12} p = {Probabilities[i].ToString("F4", CultureInfo.InvariantCulture)}  logit {Logits[i].ToString("+0.0000;-0.0000", CultureInfo.InvariantCulture)}");
    }
}
