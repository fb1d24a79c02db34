using Puma.Transport;

namespace Puma.Serving;

/// <summary>Party 0's queue was full: the request was not run; try again later.</summary>
public sealed class PartyBusyException(string message) : PumaException(message);
