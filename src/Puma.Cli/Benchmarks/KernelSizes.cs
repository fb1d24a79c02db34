using Puma.Protocols.Arithmetic;

namespace Puma.Cli.Benchmarks;

/// <summary>Problem sizes of <c>puma bench kernels</c>.</summary>
internal sealed record KernelSizes(IReadOnlyList<MatMulShape> GemmShapes, int ElementwiseLength, int PrgBytes);
