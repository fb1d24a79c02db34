namespace Puma.Models.Evaluation;

/// <summary>
/// An evaluation data set is missing or malformed. The message names the file and, for a bad
/// record, its 1-based line, so the user can open the file at the fault.
/// </summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string filePath, int? line, string problem)
        : base(line is null ? $"'{filePath}': {problem}" : $"'{filePath}', line {line}: {problem}")
    {
        FilePath = filePath;
        Line = line;
    }

    public string FilePath { get; }

    /// <summary>The 1-based line at fault, or null when the whole file or folder is.</summary>
    public int? Line { get; }
}
