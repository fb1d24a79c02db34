namespace Puma.Cli.Tests;

/// <summary>`puma` turns inline socket completions on, but an operator's own setting wins.</summary>
public class SocketCompletionsTests
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    [Fact]
    public void SetsTheVariableOnlyWhenTheOperatorDidNot()
    {
        string? original = Environment.GetEnvironmentVariable(Variable);
        try
        {
            Environment.SetEnvironmentVariable(Variable, null);
            SocketCompletions.RunInline();
            Assert.Equal("1", Environment.GetEnvironmentVariable(Variable));

            Environment.SetEnvironmentVariable(Variable, "0");
            SocketCompletions.RunInline();
            Assert.Equal("0", Environment.GetEnvironmentVariable(Variable));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, original);
        }
    }
}
