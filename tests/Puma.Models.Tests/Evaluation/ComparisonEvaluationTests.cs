using Puma.Models.Evaluation;
using Puma.Models.Progress;
using Puma.Models.Tests.Progress;
using Puma.Models.Tokenizers;

namespace Puma.Models.Tests.Evaluation;

public class ComparisonEvaluationTests
{
    private const int Vocab = 3;

    /// <summary>Logits a function of (token, position), optionally perturbed, with a fixed cost per call.</summary>
    private sealed class FakeLanguageModel(double noise) : ILogitsModel
    {
        public int Calls { get; private set; }

        public LogitsBatch Run(IReadOnlyList<int[]> sequences)
        {
            Calls++;
            var rows = sequences.Select(ids =>
            {
                var logits = new double[ids.Length * Vocab];
                for (var t = 0; t < ids.Length; t++)
                    for (var v = 0; v < Vocab; v++)
                        logits[t * Vocab + v] = (ids[t] == v ? 2.0 : 0.0) + 0.1 * t + noise * ((t + v) % 2 == 0 ? 1 : -1);
                return logits;
            }).ToArray();
            return new LogitsBatch(rows, TimeSpan.FromSeconds(1), noise == 0 ? 0 : 100);
        }
    }

    /// <summary>Returns fixed logits per example, looked up by the example's only token.</summary>
    private sealed class FakeClassifier(double[][] logitsByExample) : IClassifierModel
    {
        public LogitsBatch Run(IReadOnlyList<EncodedText> inputs)
            => new([.. inputs.Select(input => logitsByExample[input.Ids[0]])], TimeSpan.FromSeconds(2), 7);
    }

    private static readonly int[][] Windows = [[0, 0, 1], [2, 2], [1, 0, 2, 2]];

    [Fact]
    public void PerplexityMatchesTheLossesComputedByHand()
    {
        var plain = new FakeLanguageModel(0);
        var rows = plain.Run(Windows).Rows;
        double sum = 0;
        for (var w = 0; w < Windows.Length; w++)
            for (var t = 0; t + 1 < Windows[w].Length; t++)
            {
                var row = rows[w].AsSpan(t * Vocab, Vocab).ToArray();
                sum += -Math.Log(Math.Exp(row[Windows[w][t + 1]]) / row.Sum(Math.Exp));
            }

        var result = PerplexityEvaluation.Run(Windows, Vocab, new FakeLanguageModel(0), null, batchSize: 2);

        Assert.Equal(6, result.Tokens);
        Assert.Equal(3, result.Windows);
        Assert.Equal(Math.Exp(sum / 6), result.Plaintext!.Value, 12);
        Assert.Null(result.Secure);
        Assert.Null(result.CosineMean);
        Assert.Null(result.SecureBytes);
        Assert.Equal(TimeSpan.FromSeconds(2), result.PlaintextTime);
    }

    [Fact]
    public void SecureSideIsScoredOnTheSameWindowsWhateverTheBatchSize()
    {
        var small = PerplexityEvaluation.Run(Windows, Vocab, new FakeLanguageModel(0), new FakeLanguageModel(0.05), batchSize: 1);
        var large = PerplexityEvaluation.Run(Windows, Vocab, new FakeLanguageModel(0), new FakeLanguageModel(0.05), batchSize: 10);

        Assert.Equal(small.Secure!.Value, large.Secure!.Value, 12);
        Assert.NotEqual(small.Plaintext, small.Secure.Value);
        Assert.InRange(small.CosineMin!.Value, 0.99, 1.0);
        Assert.True(small.CosineMin <= small.CosineMean);
        Assert.Equal(300, small.SecureBytes);
        Assert.Equal(100, large.SecureBytes);
    }

    [Fact]
    public void IdenticalModelsHaveEqualPerplexityAndUnitCosine()
    {
        var result = PerplexityEvaluation.Run(Windows, Vocab, new FakeLanguageModel(0), new FakeLanguageModel(0), batchSize: 2);

        Assert.Equal(result.Plaintext, result.Secure);
        Assert.Equal(1, result.CosineMin!.Value, 14);
    }

    [Fact]
    public void ClassificationComparesBothModelsWithLabelsAndEachOther()
    {
        EncodedText[] inputs = [.. new[] { 0, 1, 2, 3 }.Select(id => EncodedText.SingleSegment([id]))];
        int[] labels = [1, 0, 0, 1];
        var plain = new FakeClassifier([[0, 1], [0, 1], [1, 0], [1, 0]]);
        var secure = new FakeClassifier([[0, 1], [1, 0], [1, 0], [0.5, 0.4]]);

        var result = ClassificationEvaluation.Run(inputs, labels, plain, secure, batchSize: 3);

        Assert.Equal(4, result.Count);
        Assert.Equal(0.5, result.PlaintextAccuracy);
        Assert.Equal(0.75, result.SecureAccuracy);
        Assert.Equal(0.75, result.Agreement);
        Assert.Equal(0, result.CosineMin!.Value, 15);
        Assert.Equal(14, result.SecureBytes);
        Assert.Equal(TimeSpan.FromSeconds(4), result.SecureTime);
    }

    [Fact]
    public void PlaintextOnlyClassificationLeavesSecureFieldsEmpty()
    {
        var result = ClassificationEvaluation.Run([EncodedText.SingleSegment([0]), EncodedText.SingleSegment([1])], [1, 1], new FakeClassifier([[0, 1], [1, 0]]), null, batchSize: 5);

        Assert.Equal(0.5, result.PlaintextAccuracy);
        Assert.Null(result.SecureAccuracy);
        Assert.Null(result.Agreement);
        Assert.Null(result.SecureTime);
    }

    [Fact]
    public void SecureOnlyClassificationScoresTheSecureSideAloneAgainstTheLabels()
    {
        EncodedText[] inputs = [.. new[] { 0, 1, 2, 3 }.Select(id => EncodedText.SingleSegment([id]))];
        var secure = new FakeClassifier([[0, 1], [1, 0], [1, 0], [0.5, 0.4]]);

        var result = ClassificationEvaluation.Run(inputs, [1, 0, 0, 1], null, secure, batchSize: 3);

        Assert.Equal(0.75, result.SecureAccuracy);
        Assert.Null(result.PlaintextAccuracy);
        Assert.Null(result.Agreement);
        Assert.Null(result.CosineMin);
        Assert.Null(result.PlaintextTime);
        Assert.Equal(TimeSpan.FromSeconds(4), result.SecureTime);
    }

    [Fact]
    public void SecureOnlyPerplexityEqualsTheSecureSideOfAComparison()
    {
        var compared = PerplexityEvaluation.Run(Windows, Vocab, new FakeLanguageModel(0), new FakeLanguageModel(0.05), batchSize: 2);

        var alone = PerplexityEvaluation.Run(Windows, Vocab, null, new FakeLanguageModel(0.05), batchSize: 2);

        Assert.Equal(compared.Secure!.Value, alone.Secure!.Value, 12);
        Assert.Equal(compared.Tokens, alone.Tokens);
        Assert.Null(alone.Plaintext);
        Assert.Null(alone.CosineMean);
    }

    [Fact]
    public void EvaluationsReportTheExamplesScoredAfterEachBatch()
    {
        var classification = new RecordingProgress();
        var perplexity = new RecordingProgress();

        ClassificationEvaluation.Run([EncodedText.SingleSegment([0]), EncodedText.SingleSegment([1]), EncodedText.SingleSegment([0])], [1, 1, 0], new FakeClassifier([[0, 1], [1, 0], [0, 1]]), null, batchSize: 2, classification);
        PerplexityEvaluation.Run(Windows, Vocab, new FakeLanguageModel(0), null, batchSize: 2, perplexity);

        Assert.Equal([0L, 2L, 3L], classification.Stage(ProgressStages.Evaluating).Select(step => step.Done));
        Assert.Equal([0L, 2L, 3L], perplexity.Stage(ProgressStages.Evaluating).Select(step => step.Done));
    }
}
