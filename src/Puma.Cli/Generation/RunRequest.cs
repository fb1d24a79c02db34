using Puma.Protocols.Runtime;

namespace Puma.Cli.Generation;

/// <summary>What <c>puma run</c> was asked to do, whatever the model family.</summary>
internal sealed record RunRequest(string Prompt, int MaxTokens, bool Plaintext, bool Json, RunOptions Secure);
