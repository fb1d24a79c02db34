using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Puma.Simd.Elementwise;

/// <summary>
/// Argument checks shared by all elementwise kernels: equal lengths, and a destination that either
/// is exactly an input (same start, same element size) or does not overlap it at all. Partial
/// overlap would make a vector loop read elements it has already overwritten.
/// </summary>
internal static class Aliasing
{
    public static void ThrowIfLengthsDiffer(int inputLength, int otherLength, string paramName)
    {
        if (inputLength != otherLength) ThrowLengthsDiffer(paramName);
    }

    public static void ThrowIfPartialOverlap<TInput, TDestination>(ReadOnlySpan<TInput> input, Span<TDestination> destination)
        where TInput : unmanaged
        where TDestination : unmanaged
    {
        ReadOnlySpan<byte> inputBytes = MemoryMarshal.AsBytes(input);
        ReadOnlySpan<byte> destinationBytes = MemoryMarshal.AsBytes((ReadOnlySpan<TDestination>)destination);
        if (inputBytes.Overlaps(destinationBytes, out int byteOffset)
            && (byteOffset != 0 || Unsafe.SizeOf<TInput>() != Unsafe.SizeOf<TDestination>()))
        {
            ThrowPartialOverlap();
        }
    }

    [DoesNotReturn]
    private static void ThrowLengthsDiffer(string paramName)
        => throw new ArgumentException("Input and destination lengths differ.", paramName);

    [DoesNotReturn]
    private static void ThrowPartialOverlap()
        => throw new ArgumentException("The destination partially overlaps an input; it must either be the input itself or not overlap it.", "destination");
}
