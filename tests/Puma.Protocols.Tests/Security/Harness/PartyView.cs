using Puma.Protocols.Core;

namespace Puma.Protocols.Tests.Security;

/// <summary>
/// One party's side of a recorded run: shares the run's secret (or public-origin weights) before
/// the recording starts, so that what a protocol's view holds is the protocol's traffic alone.
/// Every share it makes is disposed with it.
/// </summary>
internal sealed class PartyView(PartyContext context, ulong[] secret, bool clientInput, WireRecorder recorder) : IDisposable
{
    private readonly List<IDisposable> _shares = [];
    private readonly List<HeldShare> _held = [];

    public PartyContext Context => context;

    public bool Recording => recorder.IsRecording(context.Id);

    /// <summary>This party's components of the shares of the secret it held before the recording started.</summary>
    public IReadOnlyList<HeldShare> Held => _held;

    /// <summary>Starts recording what this party receives.</summary>
    public void Record() => recorder.Start(context.Id);

    /// <summary>An arithmetic share of the secret, dealt by P0 or, for a client-input protocol, by the client.</summary>
    public AShare Secret() => Hold(clientInput ? Input.ShareFromOutside(context, secret.Length) : Input.ShareA(context, 0, Plain(secret), secret.Length));

    /// <summary>An arithmetic share of a function of the secret (P0 deals it).</summary>
    public AShare Secret(Func<ulong[], ulong[]> derive, int length) => Hold(Input.ShareA(context, 0, context.Id == 0 ? derive(secret) : [], length));

    /// <summary>A boolean share of the secret words.</summary>
    public BShare SecretWords() => Hold(Input.ShareB(context, 0, Plain(secret), secret.Length));

    /// <summary>A boolean share of the low bit of each secret word.</summary>
    public BShare SecretBits() => Hold(Input.ShareB(context, 0, context.Id == 0 ? [.. secret.Select(w => w & 1)] : [], secret.Length));

    /// <summary>A share of values that do not depend on the secret, such as model weights (P0 deals them).</summary>
    public AShare Weights(ulong[] values) => Keep(Input.ShareA(context, 0, Plain(values), values.Length));

    public void Dispose()
    {
        foreach (var share in _shares) share.Dispose();
    }

    private AShare Hold(AShare share)
    {
        if (!Recording) _held.Add(new HeldShare(share.Own.ToArray(), share.Next.ToArray(), Boolean: false));
        return Keep(share);
    }

    private BShare Hold(BShare share)
    {
        if (!Recording) _held.Add(new HeldShare(share.Own.ToArray(), share.Next.ToArray(), Boolean: true));
        return Keep(share);
    }

    private ReadOnlySpan<ulong> Plain(ulong[] values) => context.Id == 0 ? values : [];

    /// <summary>Disposes <paramref name="share"/> with the view: for temporaries a protocol body makes.</summary>
    public T Keep<T>(T share) where T : IDisposable
    {
        _shares.Add(share);
        return share;
    }
}

/// <summary>A party's two components of a share of the secret: x_i and x_{i+1}, arithmetic or XOR.</summary>
internal sealed record HeldShare(ulong[] Own, ulong[] Next, bool Boolean);
