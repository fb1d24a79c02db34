namespace Puma.Models.Evaluation;

/// <summary>
/// Counts, over labelled examples, how often the plaintext and the secure classifier are right
/// and how often they predict the same class (agreement: the share of examples where secure
/// inference changes nothing a user would see).
/// </summary>
public sealed class ClassificationTally
{
    private int _plaintextCorrect;
    private int _secureCorrect;
    private int _agreements;

    public int Count { get; private set; }

    /// <summary>How many examples had a secure prediction.</summary>
    public int SecureCount { get; private set; }

    public double PlaintextAccuracy => Fraction(_plaintextCorrect, Count);

    public double SecureAccuracy => Fraction(_secureCorrect, SecureCount);

    public double Agreement => Fraction(_agreements, SecureCount);

    /// <summary>Index of the largest logit; the first on ties, as argmax in numpy and PyTorch.</summary>
    public static int Predict(ReadOnlySpan<double> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("No logits to choose from.", nameof(logits));
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }

    /// <summary>Adds one example; <paramref name="securePrediction"/> is null on a plaintext-only run.</summary>
    public void Add(int label, int plaintextPrediction, int? securePrediction)
    {
        Count++;
        if (plaintextPrediction == label) _plaintextCorrect++;
        if (securePrediction is not { } secure) return;
        SecureCount++;
        if (secure == label) _secureCorrect++;
        if (secure == plaintextPrediction) _agreements++;
    }

    private static double Fraction(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;
}
