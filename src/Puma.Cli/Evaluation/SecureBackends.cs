using Puma.Models.Evaluation;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>The secure forwards the commands call, each over the chosen transport.</summary>
internal static class SecureBackends
{
    /// <returns>The generated ids and the milliseconds the client waited for each.</returns>
    public static (int[] Ids, double[] Milliseconds) Gpt2Generate(Gpt2Weights weights, int[] promptIds, int count, TransportKind transport, Action<int> onToken)
    {
        var result = SecureGpt2.Generate(weights, promptIds, count, Options(transport), onToken);
        return (result.GeneratedIds, [.. result.TokenTimes.Select(time => time.TotalMilliseconds)]);
    }

    public static ILogitsModel Gpt2Logits(Gpt2Weights weights, TransportKind transport) => new SecureGpt2Logits(weights, Options(transport));

    public static ILogitsModel LlamaLogits(LlamaWeights weights, TransportKind transport) => new SecureLlamaLogits(weights, Options(transport));

    public static IClassifierModel BertLogits(BertWeights weights, TransportKind transport) => new SecureBertLogits(weights, Options(transport));

    private static RunOptions Options(TransportKind transport) => new() { Transport = transport };
}
