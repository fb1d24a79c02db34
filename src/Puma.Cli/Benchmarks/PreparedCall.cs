namespace Puma.Cli.Benchmarks;

/// <summary>
/// One party's protocol call with its input shares already made: <see cref="Invoke"/> runs the
/// protocol once (and frees its output); disposing frees the inputs.
/// </summary>
internal sealed class PreparedCall(Action invoke, params IDisposable[] inputs) : IDisposable
{
    public void Invoke() => invoke();

    public void Dispose()
    {
        foreach (var input in inputs) input.Dispose();
    }
}
