using Puma.Models.Checkpoints;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Models.Tokenizers;
using Xunit.Abstractions;

namespace Puma.Models.Tests.Secure;

/// <summary>Secure BERT classification against the float64 reference.</summary>
public sealed class SecureBertTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>
    /// The random tiny model: the GPT-2 budget (GeLU 0.02 as for PUMA's form, softmax 0.0096, LayerNorm 2e-4 per
    /// entry, renormalised by each post-LayerNorm) plus the pooler's tanh (0.0099), times the
    /// classifier's 8 weights below 0.4: 8 × 0.4 × 0.0099 ≈ 0.03 at worst. Measured 0.012.
    /// </summary>
    private const double TinyLogitTolerance = 0.04;

    /// <summary>
    /// bert-spam (width 128, 2 layers): logits of magnitude 3–4 whose tanh-pooled inputs sit in
    /// tanh's saturated range; measured 0.005–0.021 on 5–50 emails.
    /// </summary>
    private const double SpamLogitTolerance = 0.1;

    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public void RandomModelLabelLogitsMatchTheReference()
    {
        var weights = BertWeights.Load(_models.WriteModel(_models.BertConfigJson(), TinyModels.BertTensors(32, TensorDType.F32)));
        var reference = new BertReference(weights);
        // The first text has two segments, so the token-type embedding of type 1 is exercised too.
        EncodedText[] texts =
        [
            new([1, 5, 22, 0, 7, 3, 3, 9, 14, 2, 11, 19, 6, 8, 17, 4], [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]),
            EncodedText.SingleSegment([9, 2, 13]),
            EncodedText.SingleSegment([4]),
        ];
        var done = new List<int>();

        var secure = SecureBert.ClassifyLogits(weights, texts, onTextDone: done.Add);

        Assert.Equal(texts.Length, secure.Rows.Length);
        var worst = texts.Select((text, i) => reference.Classify(text.Ids, text.TypeIds).Select((value, label) => Math.Abs(value - secure.Rows[i][label])).Max()).Max();
        output.WriteLine($"max abs logit error {worst:G4}");
        Assert.InRange(worst, 0, TinyLogitTolerance);
        Assert.Equal([0, 1, 2], done);
        var toClient = Assert.Single(secure.Profile, entry => entry.Name == "output_to_client");
        Assert.Equal(texts.Length * 2 * sizeof(ulong), toClient.BytesSent);
        Assert.Equal(0, toClient.BytesReceived);
        Assert.DoesNotContain(secure.Profile, entry => entry.Name == "reveal");
    }

    [Fact]
    public void ModelWithoutClassifierIsRejected()
    {
        var weights = BertWeights.Load(_models.WriteModel(_models.BertConfigJson("BertModel"), TinyModels.BertTensors(2, TensorDType.F32, withHead: false)));
        Assert.Throws<ArgumentException>(() => SecureBert.ClassifyLogits(weights, [EncodedText.SingleSegment([1, 2])]));
    }

    [SkippableFact]
    public void SpamEmailsGetThePlaintextLabelAndCloseLogits()
    {
        SharedFixtures.SkipIfMissing();
        var reference = ReferenceFixtures.Bert;
        var shortest = ReferenceFixtures.SpamEmails.OrderBy(email => email.Ids.Length).ToArray();
        var emails = shortest.Where(email => email.Label == 1).Take(2).Append(shortest.First(email => email.Label == 0)).ToArray();

        var secure = SecureBert.ClassifyLogits(reference.Weights, [.. emails.Select(email => EncodedText.SingleSegment(email.Ids))]);

        for (var i = 0; i < emails.Length; i++)
        {
            var expected = reference.Classify(emails[i].Ids);
            output.WriteLine($"{emails[i].Ids.Length} tokens: plaintext [{expected[0]:F4}, {expected[1]:F4}], secure [{secure.Rows[i][0]:F4}, {secure.Rows[i][1]:F4}]");
            Assert.Equal(ArgMax(expected), ArgMax(secure.Rows[i]));
            for (var label = 0; label < expected.Length; label++) Assert.InRange(secure.Rows[i][label], expected[label] - SpamLogitTolerance, expected[label] + SpamLogitTolerance);
        }
        output.WriteLine($"{secure.Elapsed.TotalSeconds:F2} s, party 0 sent {secure.BytesSentByParty0 / 1e6:F1} MB");
    }

    private static int ArgMax(double[] values) => Array.IndexOf(values, values.Max());
}
