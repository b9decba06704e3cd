using Hardware.Sip.Messages;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Transactions;

/// <summary>Sends one message to a destination (the transport in production, a recorder in tests).</summary>
internal delegate ValueTask SipSender(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken);
