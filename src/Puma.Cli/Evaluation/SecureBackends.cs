using Puma.Cli.Parsing;
using Puma.Models.Evaluation;
using Puma.Models.Reference;
using Puma.Protocols.Runtime;

namespace Puma.Cli.Evaluation;

/// <summary>The secure GPT-2 and BERT forwards the commands call, in one place.</summary>
internal static class SecureBackends
{
    private const string Missing = "the secure GPT-2 and BERT forwards are not in this build; pass --plaintext (run, classify) or --plaintext-only (eval)";

    public static (int[] Ids, double[] Milliseconds) Gpt2Generate(Gpt2Weights weights, int[] promptIds, int count, TransportKind transport, Action<int> onToken)
        => throw new UsageException(Missing, "puma run");

    public static ILogitsModel Gpt2Logits(Gpt2Weights weights, TransportKind transport) => throw new UsageException(Missing, "puma eval");

    public static ILogitsModel BertLogits(BertWeights weights, TransportKind transport) => throw new UsageException(Missing, "puma eval");
}
