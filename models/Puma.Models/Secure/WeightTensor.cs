using Puma.Protocols.Arithmetic;
using Puma.Protocols.Core;

namespace Puma.Models.Secure;

/// <summary>
/// A party's handle on one weight tensor, whose share exists only while something holds it: a
/// <see cref="WeightGroup"/> scope around the step that reads it, or its source, which keeps the
/// tensors it decides to keep resident held for its lifetime. Every weight source answers with
/// these, so one forward runs on shares already in memory (<see cref="WeightDealer"/>: holding is
/// free) and on shares a bundle materialises on demand (a layer at a time, so a model larger than
/// memory still runs). Holds are counted: concurrent requests on one model, or two groups that
/// read one tensor (GPT-2's tied embedding and LM head), share a materialised tensor, and the
/// last release frees it.
/// </summary>
public abstract class WeightTensor(string name, int length)
{
    private readonly Lock _gate = new();
    private AShare? _share;
    private int _holders;

    public string Name { get; } = name;

    /// <summary>Elements of the tensor.</summary>
    public int Length { get; } = length;

    /// <summary>The share, while held; reading it outside a hold is a bug in the forward, so it throws.</summary>
    public AShare Share => Volatile.Read(ref _share) ?? throw new InvalidOperationException($"Weight '{Name}' is read outside a scope that holds it.");

    /// <summary>
    /// The tensor as W [<paramref name="rows"/>, <paramref name="columns"/>] of a product x·Wᵀ, read
    /// a block of rows at a time: views of the share while something holds it, else blocks the
    /// source makes as the product reaches them (a bundle regenerates or maps them), so a step need
    /// not hold a large projection whole.
    /// </summary>
    public IRowBlockShare RowBlocks(int rows, int columns)
    {
        if ((long)rows * columns != Length) throw new ArgumentException($"Weight '{Name}' of {Length} elements is not [{rows}, {columns}].");
        return Volatile.Read(ref _share) is { } share ? new ShareRowBlocks(share, rows, columns) : StreamedRows(rows, columns);
    }

    /// <summary>Row blocks of the tensor while nothing holds it (see <see cref="RowBlocks"/>).</summary>
    protected abstract IRowBlockShare StreamedRows(int rows, int columns);

    /// <summary>Starts bringing the tensor's stored bytes towards memory, without waiting (a hint; may do nothing).</summary>
    public virtual void Prefetch()
    {
    }

    internal void Acquire()
    {
        lock (_gate)
        {
            if (_holders == 0) Volatile.Write(ref _share, Materialise());
            _holders++;
        }
    }

    internal void Release()
    {
        lock (_gate)
        {
            if (_holders == 0) throw new InvalidOperationException($"Weight '{Name}' is released more often than held.");
            if (--_holders > 0) return;
            var share = _share!;
            Volatile.Write(ref _share, null);
            Free(share);
        }
    }

    /// <summary>Frees the share whoever holds it: the source is being disposed.</summary>
    internal void Drop()
    {
        lock (_gate)
        {
            if (_share is { } share) Free(share);
            Volatile.Write(ref _share, null);
            _holders = 0;
        }
    }

    /// <summary>Makes the share (called when the first holder arrives).</summary>
    protected abstract AShare Materialise();

    /// <summary>Frees what <see cref="Materialise"/> made (called when the last holder leaves).</summary>
    protected abstract void Free(AShare share);
}
