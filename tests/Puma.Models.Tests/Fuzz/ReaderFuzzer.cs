namespace Puma.Models.Tests.Fuzz;

/// <summary>
/// Runs a file reader on seeded mutations of a valid file. Each mutation must either read (and
/// the result be usable, which the read action checks by using it) or fail with the reader's own
/// exception type whose message names the file. Any other exception, or an allocation far beyond
/// what the file's size justifies (a length field trusted before it was checked), fails the test
/// with the seed and the mutation, so the case replays exactly. A reader that never returns
/// fails the test, naming the mutation it is stuck on, instead of hanging the run.
/// </summary>
internal static class ReaderFuzzer
{
    /// <summary>Mutations per reader (the issue asks for at least 1,000).</summary>
    public const int Mutations = 1000;

    /// <summary>Allocation allowed beyond <see cref="BytesPerFileByte"/> per file byte: room for a reader's fixed tables.</summary>
    private const long AllocationAllowance = 16 << 20;

    /// <summary>Generous: parsed dictionaries and doubles take a few tens of bytes per byte of input.</summary>
    private const long BytesPerFileByte = 256;

    /// <summary>
    /// Not a speed target: all mutations of a reader take seconds, so a run still going after this
    /// long is stuck in a loop that the input does not bound.
    /// </summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Writes <paramref name="valid"/> as <paramref name="fileName"/> in <paramref name="directory"/>,
    /// checks it reads, then reads <see cref="Mutations"/> mutations of it in its place.
    /// <paramref name="companionBytes"/> counts files beside it that the reader also reads (weight shards).
    /// </summary>
    public static void Run<TException>(string directory, string fileName, byte[] valid, Func<Random, byte[], FuzzMutation> mutate, Action<string> read,
        long companionBytes = 0)
        where TException : Exception
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllBytes(path, valid);
        read(path);

        var failures = new List<string>();
        var rejected = 0;
        var current = "";
        var run = Task.Run(() =>
        {
            for (var seed = 0; seed < Mutations; seed++)
            {
                var mutation = mutate(new Random(seed), valid);
                current = $"seed {seed} ({mutation.Description})";
                File.WriteAllBytes(path, mutation.Bytes);
                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    read(path);
                }
                catch (TException e) when (e.Message.Contains(path, StringComparison.Ordinal))
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"{current}: {e.GetType().Name}: {e.Message}");
                }
                var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                if (allocated > AllocationAllowance + BytesPerFileByte * (mutation.Bytes.Length + companionBytes))
                    failures.Add($"{current}: allocated {allocated} bytes for a {mutation.Bytes.Length}-byte file and {companionBytes} bytes beside it");
            }
        });
        Assert.True(run.Wait(HangLimit), $"{fileName}: {current} was still being read after {HangLimit}: the reader hangs");

        Assert.True(failures.Count == 0, $"{fileName}: {failures.Count} of {Mutations} mutations misbehaved:\n{string.Join('\n', failures.Take(20))}");
        Assert.True(rejected > Mutations / 10, $"{fileName}: only {rejected} of {Mutations} mutations were rejected; the mutations miss the format");
    }
}
