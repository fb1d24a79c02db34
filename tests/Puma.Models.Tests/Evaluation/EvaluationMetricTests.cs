using Puma.Models.Evaluation;

namespace Puma.Models.Tests.Evaluation;

public class EvaluationMetricTests
{
    private static readonly double Ln3 = Math.Log(3);

    [Fact]
    public void LossOfUniformLogitsIsLogOfTheVocabulary()
    {
        Assert.Equal(Math.Log(2), NextTokenLoss.NegativeLogLikelihood([0.0, 0.0], 0), 15);
        Assert.Equal(Math.Log(5), NextTokenLoss.NegativeLogLikelihood([7.0, 7.0, 7.0, 7.0, 7.0], 3), 14);
    }

    [Fact]
    public void LossIsMinusLogOfTheSoftmaxProbability()
    {
        // softmax([0, ln 3]) = [1/4, 3/4].
        Assert.Equal(Math.Log(4), NextTokenLoss.NegativeLogLikelihood([0.0, Ln3], 0), 14);
        Assert.Equal(Math.Log(4.0 / 3), NextTokenLoss.NegativeLogLikelihood([0.0, Ln3], 1), 14);
    }

    [Fact]
    public void LossDoesNotOverflowOnLargeLogits()
    {
        Assert.Equal(Math.Log(4.0 / 3), NextTokenLoss.NegativeLogLikelihood([1e4, 1e4 + Ln3], 1), 10);
    }

    [Fact]
    public void WindowScoresEachTokenFromThePreviousRow()
    {
        // Row 0 predicts token 1 (= 1) with p 1/2, row 1 predicts token 2 (= 1) with p 3/4; row 2 is never used.
        double[] rows = [0, 0, 0, Ln3, 100, -100];
        var sum = NextTokenLoss.WindowSum(rows, 2, [0, 1, 1]);

        Assert.Equal(Math.Log(2) + Math.Log(4.0 / 3), sum, 14);
    }

    [Fact]
    public void WindowOfOneTokenIsRejected()
    {
        Assert.Throws<ArgumentException>(() => NextTokenLoss.WindowSum(new double[2], 2, [1]));
    }

    [Fact]
    public void PerplexityIsExpOfTheMeanTokenLoss()
    {
        var tally = new PerplexityTally();
        tally.Add(Math.Log(2) + Math.Log(4.0 / 3), 2);
        tally.Add(Math.Log(4), 1);

        Assert.Equal(3, tally.Tokens);
        Assert.Equal(Math.Cbrt(2 * 4.0 / 3 * 4), tally.Perplexity, 12);
    }

    [Fact]
    public void WindowsAreConsecutiveFullLengthSlices()
    {
        var ids = Enumerable.Range(0, 10).ToArray();

        var windows = TokenWindows.Split(ids, 4, 5);

        Assert.Equal([[0, 1, 2, 3], [4, 5, 6, 7]], windows);
        Assert.Equal([[0, 1, 2, 3]], TokenWindows.Split(ids, 4, 1));
    }

    [Fact]
    public void ShortDocumentIsItsOwnWindow()
    {
        Assert.Equal([[5, 6, 7]], TokenWindows.Split([5, 6, 7], 4, 3));
        Assert.Empty(TokenWindows.Split([5], 4, 3));
    }

    [Fact]
    public void CosineOfHandPickedRows()
    {
        Assert.Equal(0, CosineTally.Cosine([1.0, 0.0], [0.0, 1.0]), 15);
        Assert.Equal(1, CosineTally.Cosine([1.0, 2.0], [2.0, 4.0]), 15);
        Assert.Equal(-1, CosineTally.Cosine([1.0, 2.0], [-1.0, -2.0]), 15);
        Assert.Equal(1 / Math.Sqrt(2), CosineTally.Cosine([1.0, 0.0], [1.0, 1.0]), 15);
    }

    [Fact]
    public void CosineTallyKeepsMinimumAndMean()
    {
        var tally = new CosineTally();
        tally.Add([1.0, 0.0], [1.0, 1.0]);
        tally.Add([3.0, 4.0], [6.0, 8.0]);

        Assert.Equal(2, tally.Count);
        Assert.Equal(1 / Math.Sqrt(2), tally.Min, 15);
        Assert.Equal((1 / Math.Sqrt(2) + 1) / 2, tally.Mean, 15);
    }

    [Fact]
    public void ClassificationTallyCountsAccuracyAndAgreement()
    {
        var tally = new ClassificationTally();
        tally.Add(label: 1, plaintextPrediction: 1, securePrediction: 1);
        tally.Add(label: 0, plaintextPrediction: 1, securePrediction: 0);
        tally.Add(label: 0, plaintextPrediction: 0, securePrediction: 0);
        tally.Add(label: 1, plaintextPrediction: 0, securePrediction: 0);

        Assert.Equal(0.5, tally.PlaintextAccuracy);
        Assert.Equal(0.75, tally.SecureAccuracy);
        Assert.Equal(0.75, tally.Agreement);
    }

    [Fact]
    public void PredictionIsTheFirstLargestLogit()
    {
        Assert.Equal(1, ClassificationTally.Predict([0.5, 2.0, 2.0, -1.0]));
        Assert.Equal(0, ClassificationTally.Predict([3.0]));
    }

    [Fact]
    public void SoftmaxOfHandPickedLogits()
    {
        Assert.Equal([0.25, 0.75], Probabilities.Softmax([0.0, Ln3]), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.Equal([0.25, 0.75], Probabilities.Softmax([900.0, 900 + Ln3]), (a, b) => Math.Abs(a - b) < 1e-12);
    }
}
