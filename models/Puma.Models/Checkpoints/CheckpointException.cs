namespace Puma.Models.Checkpoints;

/// <summary>
/// A checkpoint or config file is malformed or does not fit the model. The message always names
/// the file and, when one is involved, the tensor or config field, so a user can fix the input
/// without a debugger.
/// </summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string filePath, string? tensorName, string problem)
        : base(Describe(filePath, tensorName, problem))
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    public CheckpointException(string filePath, string? tensorName, string problem, Exception inner)
        : base(Describe(filePath, tensorName, problem), inner)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file that failed to load.</summary>
    public string FilePath { get; }

    /// <summary>The tensor or config field at fault, or null when the whole file is.</summary>
    public string? TensorName { get; }

    private static string Describe(string filePath, string? tensorName, string problem) =>
        tensorName is null ? $"'{filePath}': {problem}" : $"'{filePath}', '{tensorName}': {problem}";
}
