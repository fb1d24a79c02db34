using Puma.Models.Secure;
using Puma.Protocols.Arithmetic;
using Puma.Protocols.Tests.Security;
using Puma.Simd;

namespace Puma.Models.Tests.Secure;

/// <summary>
/// The logits path: <see cref="ClientProduct"/> sends the client each party's masked additive term
/// of x·W (+ b) instead of revealing replicated components. The security audit of
/// Puma.Protocols.Tests (linked in) checks it like every protocol: the client receives one
/// uniform message from each party, nothing else, and the three add up to the exact product; the
/// parties receive nothing.
/// </summary>
public class ClientProductViewTests
{
    private static readonly MatMulShape Shape = new(48, 64, 48);
    private static readonly MatMulShape LmHeadShape = new(48, 64, 48, TransposeY: true);

    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var name in new[] { "classifier", "lm_head" })
        {
            foreach (var (first, second) in SecretInputs.Pairs) cases.Add(name, first, second);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheClientReceivesOnlyMaskedTermsOfTheProduct(string product, string secretA, string secretB)
    {
        // The classifier head adds a bias, as BERT's does; the language-model head (transposed) has none, as GPT-2's.
        var protocol = product == "classifier" ? Protocol(product, Shape, withBias: true) : Protocol(product, LmHeadShape, withBias: false);
        var audit = ViewAudit.Audit(protocol, Shape.M * Shape.K, secretA, secretB);
        Assert.True(audit.Findings.Count == 0, $"{product}: {string.Join("; ", audit.Findings.Take(5))}");
    }

    private static ViewedProtocol Protocol(string name, MatMulShape shape, bool withBias)
    {
        var weight = Values(shape.K * shape.N, seed: 1);
        var bias = withBias ? Values(shape.N, seed: 2) : null;
        return new ViewedProtocol(name, shape.OutputLength, v =>
        {
            var x = v.Secret();
            var w = v.Weights(weight);
            var b = bias is null ? null : v.Weights(bias);
            v.Record();
            ClientProduct.Send(v.Context, x, w, shape, b);
            return null;
        }, Expected: secret => Product(secret, weight, bias, shape));
    }

    /// <summary>x·W (+ b) in the ring, W stored k×n or, transposed, n×k.</summary>
    private static ulong[] Product(ulong[] x, ulong[] weight, ulong[]? bias, MatMulShape shape)
    {
        var z = new ulong[shape.OutputLength];
        for (int i = 0; i < shape.M; i++)
        {
            for (int j = 0; j < shape.N; j++)
            {
                ulong sum = bias?[j] ?? 0;
                for (int k = 0; k < shape.K; k++) sum += x[i * shape.K + k] * weight[shape.TransposeY ? j * shape.K + k : k * shape.N + j];
                z[i * shape.N + j] = sum;
            }
        }
        return z;
    }

    private static ulong[] Values(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => FixedPoint.Encode(random.NextDouble() * 2 - 1))];
    }
}
