namespace Puma.Models.Secure;

/// <summary>
/// The weights one step of a forward reads together (the embedding, one layer, the head):
/// <see cref="Open"/> holds them all for the step and frees them when the scope ends, and
/// <see cref="Prefetch"/> lets the next step's stored bytes load while this one computes.
/// Tensors the step reads only a block of rows at a time (<see cref="WeightTensor.RowBlocks"/>:
/// LLaMA's projections) are never held whole, only prefetched.
/// </summary>
public sealed class WeightGroup(IReadOnlyList<WeightTensor> tensors, IReadOnlyList<WeightTensor>? readByRows = null)
{
    /// <summary>The tensors the step holds.</summary>
    public IReadOnlyList<WeightTensor> Tensors { get; } = tensors;

    /// <summary>The tensors the step reads by row blocks, without holding them.</summary>
    public IReadOnlyList<WeightTensor> ReadByRows { get; } = readByRows ?? [];

    /// <summary>Elements of the tensors it holds.</summary>
    public long Length => Tensors.Sum(tensor => (long)tensor.Length);

    /// <summary>Holds every tensor until the returned scope is disposed; on failure releases what it held.</summary>
    public IDisposable Open()
    {
        var held = 0;
        try
        {
            for (; held < Tensors.Count; held++) Tensors[held].Acquire();
            return new Scope(Tensors);
        }
        catch
        {
            for (var i = 0; i < held; i++) Tensors[i].Release();
            throw;
        }
    }

    /// <summary>
    /// Holds this group as <see cref="Open"/> does, then starts <paramref name="next"/>'s stored
    /// bytes loading (after this group's materialisation, which it would otherwise compete with),
    /// so they arrive while this step computes: the way every forward walks its groups.
    /// </summary>
    public IDisposable OpenPrefetching(WeightGroup next)
    {
        var held = Open();
        next.Prefetch();
        return held;
    }

    public void Prefetch()
    {
        foreach (var tensor in Tensors.Concat(ReadByRows)) tensor.Prefetch();
    }

    private sealed class Scope(IReadOnlyList<WeightTensor> tensors) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var tensor in tensors) tensor.Release();
        }
    }
}
