using Edge.Core.Configuration.Model;
using Hardware.Sip.Messages;

namespace Edge.Worker.Actions.Calls;

/// <summary>A contact of the site file and the SIP URI it is called at.</summary>
internal sealed record CallTarget(ContactConfig Contact, SipUri Uri)
{
    public string Name => Contact.Name;
}
