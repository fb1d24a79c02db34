using Puma.Protocols.Core;
using Puma.Simd;

namespace Puma.Models.Secure;

/// <summary>
/// Shares a model's tensors from the model owner, computing party <see cref="Owner"/>, in fixed
/// point: the owner encodes each tensor and deals it (<see cref="Input.ShareA"/>, one round per
/// tensor); the other parties learn only random shares and the public shapes. Every party calls
/// the same sequence of methods; the value factories run only at the owner (the others hold no
/// weights). Owns the shares it makes and frees them together.
/// </summary>
internal sealed class WeightDealer(PartyContext context) : IDisposable
{
    /// <summary>The computing party that holds the plaintext weights.</summary>
    public const int Owner = 0;

    private readonly List<AShare> _all = [];

    public bool IsOwner => context.Id == Owner;

    /// <summary>A tensor of <paramref name="length"/> values at f (or <paramref name="fractionalBits"/>) fractional bits.</summary>
    public AShare Tensor(int length, Func<double[]> values, int? fractionalBits = null)
    {
        ulong[] encoded = [];
        if (IsOwner)
        {
            var plain = values();
            if (plain.Length != length) throw new ArgumentException($"A tensor has {plain.Length} values where the config calls for {length}.");
            encoded = new ulong[length];
            FixedPoint.Encode(plain, encoded, fractionalBits ?? context.Config.FractionalBits);
        }
        var share = Input.ShareA(context, Owner, encoded, length);
        _all.Add(share);
        return share;
    }

    /// <summary>A dense layer from its weight in Conv1D layout [inputs, outputs] and its bias.</summary>
    public SecureDense Dense(int inputs, int outputs, Func<double[]> weight, Func<double[]> bias)
        => new(Tensor(inputs * outputs, weight), Tensor(outputs, bias));

    public SecureLayerNorm LayerNorm(int width, Func<double[]> gamma, Func<double[]> beta, double epsilon)
        => new(Tensor(width, gamma), Tensor(width, beta), epsilon);

    public void Dispose()
    {
        foreach (var share in _all) share.Dispose();
        _all.Clear();
    }
}
