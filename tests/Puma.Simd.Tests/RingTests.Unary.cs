namespace Puma.Simd.Tests;

public delegate void UnaryKernel(ReadOnlySpan<ulong> x, Span<ulong> destination);
public delegate void ShiftKernel(ReadOnlySpan<ulong> x, int shift, Span<ulong> destination);

/// <summary>One-input ring kernels and shifts (every count 0..63) against a scalar reference.</summary>
public class RingUnaryTests
{
    private static readonly Dictionary<string, (UnaryKernel Kernel, Func<ulong, ulong> Reference)> Unary = new()
    {
        ["Negate"] = (Ring.Negate, a => unchecked(0UL - a)),
        ["Not"] = (Ring.Not, a => ~a),
    };

    private static readonly Dictionary<string, (ShiftKernel Kernel, Func<ulong, int, ulong> Reference)> Shifts = new()
    {
        ["ShiftLeft"] = (Ring.ShiftLeft, (a, s) => unchecked(a * (1UL << s))),
        ["ShiftRightLogical"] = (Ring.ShiftRightLogical, (a, s) => a / (1UL << s)),
        ["ShiftRightArithmetic"] = (Ring.ShiftRightArithmetic, ArithmeticShiftReference),
    };

    public static TheoryData<string> UnaryNames => new(Unary.Keys);
    public static TheoryData<string> ShiftNames => new(Shifts.Keys);

    /// <summary>Sign-filling shift written as floor division, independent of the signed <c>&gt;&gt;</c> operator.</summary>
    private static ulong ArithmeticShiftReference(ulong value, int shift)
    {
        ulong divisor = 1UL << shift;
        return value >= 1UL << 63 ? ~(~value / divisor) : value / divisor;
    }

    /// <summary>Every count sees short lengths (all tiers and tails); a few counts also see every length.</summary>
    private static IEnumerable<int> LengthsFor(int shift)
        => shift is 0 or 1 or 31 or 32 or 63 ? TestData.Lengths : TestData.Lengths.Where(n => n <= 40 || n is 63 or 64 or 255 or 256 or 4099);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryMatchesReference(string name)
    {
        var (kernel, reference) = Unary[name];
        foreach (int length in TestData.Lengths)
        {
            ulong[] x = TestData.Ring(length, length);
            ulong[] expected = x.Select(reference).ToArray();
            var destination = new ulong[length];
            kernel(x, destination);
            AssertBits.Equal<ulong>(expected, destination);

            kernel(x, x);
            AssertBits.Equal<ulong>(expected, x);
        }
    }

    [Theory]
    [MemberData(nameof(ShiftNames))]
    public void ShiftMatchesReferenceForEveryCount(string name)
    {
        var (kernel, reference) = Shifts[name];
        for (int shift = 0; shift < 64; shift++)
        {
            foreach (int length in LengthsFor(shift))
            {
                ulong[] x = TestData.Ring(length, length + 1000 * shift);
                ulong[] expected = x.Select(v => reference(v, shift)).ToArray();
                var destination = new ulong[length];
                kernel(x, shift, destination);
                AssertBits.Equal<ulong>(expected, destination);

                kernel(x, shift, x);
                AssertBits.Equal<ulong>(expected, x);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShiftNames))]
    public void ShiftCountOutsideZeroTo63Throws(string name)
    {
        ShiftKernel kernel = Shifts[name].Kernel;
        var x = new ulong[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel(x, 64, x));
        Assert.Throws<ArgumentOutOfRangeException>(() => kernel(x, -1, x));
    }
}
