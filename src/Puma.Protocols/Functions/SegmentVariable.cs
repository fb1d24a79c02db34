namespace Puma.Protocols.Functions;

/// <summary>
/// The variable a polynomial segment is written in: t = (x − <see cref="Centre"/>)/2^<see cref="Shift"/>.
/// Centring each segment keeps |t| ≤ 1 on its own interval, so the monomial coefficients of an
/// accurate high-degree fit stay small and the fixed-point error of the powers is not amplified
/// (a degree-8 fit of a narrow interval far from 0 written in x has coefficients in the thousands).
/// The centre is subtracted locally; segments with the same variable share their powers.
/// </summary>
public readonly record struct SegmentVariable(double Centre, int Shift);
