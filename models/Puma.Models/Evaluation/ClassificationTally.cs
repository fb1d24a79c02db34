namespace Puma.Models.Evaluation;

/// <summary>
/// Counts, over labelled examples, how often the plaintext and the secure classifier are right
/// and how often they predict the same class (agreement: the share of examples where secure
/// inference changes nothing a user would see). Either side may be missing: a plaintext-only
/// run, or a client of party servers, which has no weights.
/// </summary>
public sealed class ClassificationTally
{
    private int _plaintextCorrect;
    private int _secureCorrect;
    private int _agreements;

    public int Count { get; private set; }

    /// <summary>How many examples had a plaintext prediction.</summary>
    public int PlaintextCount { get; private set; }

    /// <summary>How many examples had a secure prediction.</summary>
    public int SecureCount { get; private set; }

    /// <summary>How many examples had both predictions.</summary>
    public int ComparedCount { get; private set; }

    public double PlaintextAccuracy => Fraction(_plaintextCorrect, PlaintextCount);

    public double SecureAccuracy => Fraction(_secureCorrect, SecureCount);

    public double Agreement => Fraction(_agreements, ComparedCount);

    /// <summary>Index of the largest logit; the first on ties, as argmax in numpy and PyTorch.</summary>
    public static int Predict(ReadOnlySpan<double> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("No logits to choose from.", nameof(logits));
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
            if (logits[i] > logits[best]) best = i;
        return best;
    }

    /// <summary>Adds one example; a prediction is null for the side that did not run.</summary>
    public void Add(int label, int? plaintextPrediction, int? securePrediction)
    {
        Count++;
        if (plaintextPrediction is { } plain)
        {
            PlaintextCount++;
            if (plain == label) _plaintextCorrect++;
        }
        if (securePrediction is not { } secure) return;
        SecureCount++;
        if (secure == label) _secureCorrect++;
        if (plaintextPrediction is null) return;
        ComparedCount++;
        if (secure == plaintextPrediction) _agreements++;
    }

    private static double Fraction(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;
}
