namespace Puma.Models.Evaluation;

/// <summary>The summed wall time and party-0 bytes of the batches one model ran.</summary>
public sealed class CostTally
{
    public TimeSpan Elapsed { get; private set; }

    public long BytesSent { get; private set; }

    public void Add(LogitsBatch batch)
    {
        Elapsed += batch.Elapsed;
        BytesSent += batch.BytesSent;
    }
}
