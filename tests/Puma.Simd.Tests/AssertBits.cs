using System.Runtime.InteropServices;

namespace Puma.Simd.Tests;

/// <summary>
/// Bit-exact sequence equality that stays fast on 100k-element buffers: compares raw bits (so
/// -0.0 ≠ 0.0 and NaN payloads count) and only falls back to xunit's diffing message on failure.
/// </summary>
internal static class AssertBits
{
    public static void Equal<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual)
        where T : unmanaged
    {
        if (!MemoryMarshal.AsBytes(expected).SequenceEqual(MemoryMarshal.AsBytes(actual)))
        {
            Assert.Equal(MemoryMarshal.AsBytes(expected).ToArray(), MemoryMarshal.AsBytes(actual).ToArray());
        }
    }
}
