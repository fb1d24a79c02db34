// Tests check the bit-packing kernels of the comparisons against per-element references directly.
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Puma.Protocols.Tests")]
