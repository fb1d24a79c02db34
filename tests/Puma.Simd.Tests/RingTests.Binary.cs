namespace Puma.Simd.Tests;

public delegate void SpanSpanKernel(ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> y, Span<ulong> destination);
public delegate void SpanScalarKernel(ReadOnlySpan<ulong> x, ulong y, Span<ulong> destination);

/// <summary>Two-input ring kernels against an independent scalar reference, on every length and in place.</summary>
public class RingBinaryTests
{
    private static readonly Dictionary<string, (SpanSpanKernel Kernel, Func<ulong, ulong, ulong> Reference)> SpanSpan = new()
    {
        ["Add"] = (Ring.Add, (a, b) => unchecked(a + b)),
        ["Subtract"] = (Ring.Subtract, (a, b) => unchecked(a - b)),
        ["Multiply"] = (Ring.Multiply, (a, b) => unchecked(a * b)),
        ["Xor"] = (Ring.Xor, (a, b) => a ^ b),
        ["And"] = (Ring.And, (a, b) => a & b),
        ["Or"] = (Ring.Or, (a, b) => a | b),
    };

    private static readonly Dictionary<string, (SpanScalarKernel Kernel, Func<ulong, ulong, ulong> Reference)> SpanScalar = new()
    {
        ["Add"] = (Ring.Add, (a, b) => unchecked(a + b)),
        ["Subtract"] = (Ring.Subtract, (a, b) => unchecked(a - b)),
        ["SubtractFromScalar"] = ((x, y, d) => Ring.Subtract(y, x, d), (a, b) => unchecked(b - a)),
        ["Multiply"] = (Ring.Multiply, (a, b) => unchecked(a * b)),
        ["Xor"] = (Ring.Xor, (a, b) => a ^ b),
        ["And"] = (Ring.And, (a, b) => a & b),
        ["Or"] = (Ring.Or, (a, b) => a | b),
    };

    public static TheoryData<string> SpanSpanNames => new(SpanSpan.Keys);
    public static TheoryData<string> SpanScalarNames => new(SpanScalar.Keys);

    [Theory]
    [MemberData(nameof(SpanSpanNames))]
    public void SpanSpanMatchesReference(string name)
    {
        var (kernel, reference) = SpanSpan[name];
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length), y = TestData.Ring(length, ~length);
            ulong[] expected = x.Zip(y, reference).ToArray();
            var destination = new ulong[length];
            kernel(x, y, destination);
            AssertBits.Equal<ulong>(expected, destination);
        }
    }

    [Theory]
    [MemberData(nameof(SpanSpanNames))]
    public void SpanSpanInPlaceMatchesReference(string name)
    {
        var (kernel, reference) = SpanSpan[name];
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length), y = TestData.Ring(length, ~length);
            ulong[] expected = x.Zip(y, reference).ToArray();

            ulong[] intoX = (ulong[])x.Clone();
            kernel(intoX, y, intoX);
            AssertBits.Equal<ulong>(expected, intoX);

            ulong[] intoY = (ulong[])y.Clone();
            kernel(x, intoY, intoY);
            AssertBits.Equal<ulong>(expected, intoY);

            ulong[] both = (ulong[])x.Clone();
            kernel(both, both, both);
            AssertBits.Equal<ulong>(x.Select(v => reference(v, v)).ToArray(), both);
        }
    }

    [Theory]
    [MemberData(nameof(SpanScalarNames))]
    public void SpanScalarMatchesReference(string name)
    {
        var (kernel, reference) = SpanScalar[name];
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length);
            foreach (ulong scalar in TestData.RingEdges.Append(0x9E37_79B9_7F4A_7C15UL))
            {
                ulong[] expected = x.Select(v => reference(v, scalar)).ToArray();
                var destination = new ulong[length];
                kernel(x, scalar, destination);
                AssertBits.Equal<ulong>(expected, destination);

                ulong[] inPlace = (ulong[])x.Clone();
                kernel(inPlace, scalar, inPlace);
                AssertBits.Equal<ulong>(expected, inPlace);
            }
        }
    }
}
