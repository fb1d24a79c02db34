using Puma.Protocols.Core;
using Puma.Protocols.Profiling;

namespace Puma.Models.Secure;

/// <summary>A computing party's figures at the end of a run.</summary>
internal sealed record PartyReport(IReadOnlyList<OperatorProfile> Profile, long BytesSent)
{
    public static PartyReport Of(PartyContext context) => new([.. context.Profiler.Entries], context.Net.BytesSent);
}
