namespace Puma.Cli.Classification;

/// <summary>
/// What <c>puma classify</c> prints. <see cref="Label"/> is the secure prediction, or the
/// plaintext one under <c>--plaintext</c> (then the secure fields are absent).
/// </summary>
/// <param name="Tokens">Model input length, special tokens included.</param>
/// <param name="Labels">The class names, in logit order.</param>
/// <param name="BytesSecure">Bytes party 0 sent during the secure run.</param>
internal sealed record ClassifyReport(
    string Text,
    int Tokens,
    IReadOnlyList<string> Labels,
    string Label,
    string LabelPlaintext,
    string? LabelSecure,
    double[] ProbabilitiesPlaintext,
    double[]? ProbabilitiesSecure,
    double[] LogitsPlaintext,
    double[]? LogitsSecure,
    double SecondsPlaintext,
    double? SecondsSecure,
    long? BytesSecure);
