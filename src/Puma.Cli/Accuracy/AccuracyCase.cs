using Puma.Protocols.Core;

namespace Puma.Cli.Accuracy;

/// <summary>
/// A secure function to check: its inputs (already on the fixed-point grid), the protocol each
/// party runs on their shares, and the plaintext reference of the whole input vector (row-wise
/// functions need the rows, not single elements).
/// </summary>
internal sealed record AccuracyCase(
    string Name,
    AccuracyGrid Grid,
    double[] Inputs,
    double RelErrorFloor,
    Func<PartyContext, AShare, AShare> Secure,
    Func<double[], double[]> Reference);
