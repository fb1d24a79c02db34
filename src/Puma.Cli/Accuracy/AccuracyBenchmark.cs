using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Simd;

namespace Puma.Cli.Accuracy;

/// <summary>
/// Runs every <see cref="AccuracyCase"/> at three in-process parties: P0 shares the inputs, the
/// parties evaluate the secure function and open the result, which is compared with the
/// double-precision reference.
/// </summary>
internal static class AccuracyBenchmark
{
    public static IReadOnlyList<AccuracyResult> Run(IReadOnlyList<AccuracyCase> cases)
    {
        int f = ProtocolConfig.Default.FractionalBits;
        var opened = ThreePartyRunner.Run(context => cases.Select(c => Evaluate(context, c)).ToArray());
        return cases.Select((c, i) => Compare(c, opened[0][i].Select(v => FixedPoint.Decode(v, f)).ToArray())).ToArray();
    }

    private static ulong[] Evaluate(PartyContext context, AccuracyCase accuracyCase)
    {
        int f = context.Config.FractionalBits, length = accuracyCase.Inputs.Length;
        var values = context.Id == 0 ? accuracyCase.Inputs.Select(v => FixedPoint.Encode(v, f)).ToArray() : [];
        using var x = Input.ShareA(context, 0, values, length);
        using var y = accuracyCase.Secure(context, x);
        return Reveal.RevealToAll(context, y);
    }

    private static AccuracyResult Compare(AccuracyCase accuracyCase, double[] actual)
    {
        var expected = accuracyCase.Reference(accuracyCase.Inputs);
        double maxAbs = 0, sumAbs = 0, maxRel = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            maxAbs = Math.Max(maxAbs, error);
            sumAbs += error;
            if (Math.Abs(expected[i]) >= accuracyCase.RelErrorFloor) maxRel = Math.Max(maxRel, error / Math.Abs(expected[i]));
        }
        return new AccuracyResult(accuracyCase.Name, maxAbs, sumAbs / actual.Length, maxRel, accuracyCase.RelErrorFloor, accuracyCase.Grid);
    }
}
