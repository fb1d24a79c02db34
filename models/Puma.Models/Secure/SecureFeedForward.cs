using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// The position-wise feed-forward of GPT-2, BERT and USE-Lite: a dense layer, an activation
/// (GeLU, ReLU, …), a dense layer, on [rows, ·] shares. Cost: the two products (2 rounds each)
/// and the activation's.
/// </summary>
internal static class SecureFeedForward
{
    public static AShare Apply(PartyContext context, AShare x, int rows, SecureDense up, Func<PartyContext, AShare, AShare> activation, SecureDense down)
    {
        using var hidden = up.Apply(context, x, rows);
        using var activated = activation(context, hidden);
        return down.Apply(context, activated, rows);
    }
}
