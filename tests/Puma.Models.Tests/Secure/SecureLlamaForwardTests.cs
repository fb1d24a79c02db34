using Puma.Models.Llama2c;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Core;
using Puma.Protocols.Runtime;
using Puma.Simd;
using Xunit.Abstractions;

namespace Puma.Models.Tests.Secure;

/// <summary>The secure forward against the double-precision reference on a small random model.</summary>
public class SecureLlamaForwardTests(ITestOutputHelper output)
{
    private static readonly int[] Tokens = [1, 7, 39, 0, 12];

    /// <summary>
    /// Error accumulated over 2 layers of random weights in [−0.5, 0.5): SiLU within 2e-5 and exp
    /// within 1.7e-5 per entry, RMSNorm's inverse within 1.5e-5 relative, plus f = 18 rounding
    /// (docs/ACCURACY.md). Measured 2.5e-5; the bound leaves a factor 8.
    /// </summary>
    private const double LogitTolerance = 2e-4;

    [Fact]
    public void SecureLogitsMatchTheReferenceAtEveryPosition()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 20)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);
        var reference = new LlamaReference(checkpoint);
        var expected = Tokens.Select(token => reference.Forward(token)).ToArray();

        var secure = SecureLogits(checkpoint, Tokens, onePass: true);

        var worst = 0.0;
        for (var position = 0; position < Tokens.Length; position++)
        {
            for (var i = 0; i < expected[position].Length; i++) worst = Math.Max(worst, Math.Abs(secure[position][i] - expected[position][i]));
            Assert.Equal(LlamaGreedy.ArgMax(expected[position]), LlamaGreedy.ArgMax(secure[position]));
        }
        output.WriteLine($"max abs logit error {worst:G4}");
        Assert.InRange(worst, 0, LogitTolerance);
    }

    [Fact]
    public void APromptInOnePassGivesTheLogitsOfFeedingItTokenByToken()
    {
        var header = Llama2cWriter.Small;
        using var file = new LlamaTemporaryFile(Llama2cWriter.Bytes(header, Llama2cWriter.RandomFloats(header, seed: 23)));
        using var checkpoint = Llama2cCheckpoint.Open(file.Path);

        var onePass = SecureLogits(checkpoint, Tokens, onePass: true);
        var tokenByToken = SecureLogits(checkpoint, Tokens, onePass: false);

        var worst = 0.0;
        for (var position = 0; position < Tokens.Length; position++)
            for (var i = 0; i < onePass[position].Length; i++) worst = Math.Max(worst, Math.Abs(onePass[position][i] - tokenByToken[position][i]));
        output.WriteLine($"max abs logit difference {worst:G4}");
        Assert.InRange(worst, 0, 2 * LogitTolerance);
    }

    /// <summary>
    /// Feeds <paramref name="tokens"/> (party 0 shares the one-hots) in one pass or one at a time,
    /// and reveals every position's logits.
    /// </summary>
    internal static double[][] SecureLogits(LlamaWeights weights, int[] tokens, bool onePass)
    {
        var config = weights.Config;
        var results = ThreePartyRunner.Run(context =>
        {
            int f = context.Config.FractionalBits, vocab = config.VocabSize;
            using var shared = SecureLlamaWeights.Share(context, config, context.Id == SecureLlamaWeights.Owner ? weights : null);
            using var model = new SecureLlamaForward(context, shared, tokens.Length);
            var feeds = onePass ? [tokens] : tokens.Select(token => new[] { token }).ToArray();
            var all = new List<double[]>();
            foreach (var feed in feeds)
            {
                var rows = new ulong[feed.Length * vocab];
                for (var t = 0; t < feed.Length; t++) rows[t * vocab + feed[t]] = 1;
                using var oneHots = Input.ShareA(context, 0, context.Id == 0 ? rows : [], rows.Length);
                using var logits = model.Forward(oneHots, feed.Length, logitRows: feed.Length)!;
                var values = Reveal.RevealToAll(context, logits).Select(value => FixedPoint.Decode(value, f)).ToArray();
                all.AddRange(values.Chunk(vocab));
            }
            return all.ToArray();
        });
        return results[0];
    }
}
