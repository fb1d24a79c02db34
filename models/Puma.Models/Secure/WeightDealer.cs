using Puma.Models.Progress;
using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Shares a model's tensors from the model owner, computing party <see cref="Owner"/>, in fixed
/// point. Every party declares the same tensors in the same order (<see cref="Tensor"/> returns
/// the share, still empty); <see cref="Deal"/> then shares them all in one input
/// (<see cref="Input.ShareA"/>: one round for the whole model). The value factories run only at
/// the owner; the other parties hold no weights and learn only random shares and the public
/// shapes. Owns the shares it makes and frees them together. The owner reports its progress as
/// <see cref="ProgressStages.DealingWeights"/>: the bytes encoded, then all of them once shared.
/// </summary>
internal sealed class WeightDealer(PartyContext context, IProgress<ProgressStep>? progress = null) : IDisposable
{
    /// <summary>The computing party that holds the plaintext weights.</summary>
    public const int Owner = 0;

    private readonly List<(AShare Share, Func<double[]> Values, int FractionalBits)> _pending = [];
    private readonly List<AShare> _all = [];

    /// <summary>Declares a tensor of <paramref name="length"/> values at f (or <paramref name="fractionalBits"/>) fractional bits.</summary>
    public AShare Tensor(int length, Func<double[]> values, int? fractionalBits = null)
    {
        var share = new AShare(length);
        _all.Add(share);
        _pending.Add((share, values, fractionalBits ?? context.Config.FractionalBits));
        return share;
    }

    /// <summary>A dense layer from its weight in Conv1D layout [inputs, outputs] and its bias.</summary>
    public SecureDense Dense(int inputs, int outputs, Func<double[]> weight, Func<double[]> bias)
        => new(Tensor(inputs * outputs, weight), Tensor(outputs, bias));

    public SecureLayerNorm LayerNorm(int width, Func<double[]> gamma, Func<double[]> beta, double epsilon)
        => new(Tensor(width, gamma), Tensor(width, beta), epsilon);

    /// <summary>Shares every tensor declared since the last call, in one round.</summary>
    public void Deal()
    {
        var total = _pending.Sum(tensor => (long)tensor.Share.Length);
        if (total > Array.MaxLength) throw new InvalidOperationException($"{total} weights do not fit one input.");
        var dealing = new ProgressCounter(context.Id == Owner ? progress : null, ProgressStages.DealingWeights, total * sizeof(ulong));
        var encoded = context.Id == Owner ? Encode((int)total, dealing) : [];
        using var all = Input.ShareA(context, Owner, encoded, (int)total);
        dealing.Complete();
        var offset = 0;
        foreach (var (share, _, _) in _pending)
        {
            all.Own.Slice(offset, share.Length).CopyTo(share.Own.Span);
            all.Next.Slice(offset, share.Length).CopyTo(share.Next.Span);
            offset += share.Length;
        }
        _pending.Clear();
    }

    public void Dispose()
    {
        foreach (var share in _all) share.Dispose();
        _all.Clear();
        _pending.Clear();
    }

    private ulong[] Encode(int total, ProgressCounter dealing)
    {
        var encoded = new ulong[total];
        var offset = 0;
        foreach (var (share, values, fractionalBits) in _pending)
        {
            var plain = values();
            if (plain.Length != share.Length) throw new ArgumentException($"A tensor has {plain.Length} values where the config calls for {share.Length}.");
            FixedPoint.Encode(plain, encoded.AsSpan(offset, share.Length), fractionalBits);
            offset += share.Length;
            dealing.Advance((long)share.Length * sizeof(ulong));
        }
        return encoded;
    }
}
