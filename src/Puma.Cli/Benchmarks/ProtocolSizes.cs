using Puma.Protocols.Arithmetic;

namespace Puma.Cli.Benchmarks;

/// <summary>
/// Problem sizes of <c>puma bench protocols</c>. The non-linear functions cost tens of products
/// and comparisons per element, so they get their own, smaller length; softmax and LayerNorm
/// run at fixed model shapes (BERT-base attention and hidden states by default).
/// </summary>
/// <param name="Length">Elements of the cheap elementwise protocols (mul, trunc, mul_trunc, and).</param>
/// <param name="NonlinearLength">Elements of the comparisons and elementwise non-linear functions (<see cref="NonlinearCases"/>).</param>
internal sealed record ProtocolSizes(int Length, int NonlinearLength, IReadOnlyList<MatMulShape> Shapes, RowShape Softmax, RowShape LayerNorm);
