using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Models.Reference;
using Puma.Models.Secure;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>The secure forwards the commands call, each over the chosen transport, reporting the weight dealing to <c>progress</c>.</summary>
internal static class SecureBackends
{
    /// <returns>The generated ids and the milliseconds the client waited for each.</returns>
    public static (int[] Ids, double[] Milliseconds) Gpt2Generate(Gpt2Weights weights, int[] promptIds, int count, TransportKind transport, Action<int> onToken, IProgress<ProgressStep> progress)
    {
        var result = SecureGpt2.Generate(weights, promptIds, count, Options(transport), onToken, progress);
        return (result.GeneratedIds, [.. result.TokenTimes.Select(time => time.TotalMilliseconds)]);
    }

    public static ILogitsModel Gpt2Logits(Gpt2Weights weights, TransportKind transport, IProgress<ProgressStep> progress) => new SecureGpt2Logits(weights, Options(transport), progress);

    public static ILogitsModel LlamaLogits(LlamaWeights weights, TransportKind transport, IProgress<ProgressStep> progress) => new SecureLlamaLogits(weights, Options(transport), progress);

    public static ILogitsModel BertLogits(BertWeights weights, TransportKind transport, IProgress<ProgressStep> progress) => new SecureBertLogits(weights, Options(transport), progress);

    private static RunOptions Options(TransportKind transport) => new() { Transport = transport };
}
