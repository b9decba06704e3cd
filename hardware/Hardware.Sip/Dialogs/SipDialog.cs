using Hardware.Sip.Messages;

namespace Hardware.Sip.Dialogs;

/// <summary>
/// A dialog as the UAC sees it (RFC 3261 §12.1.2): Call-ID, both tags, remote target, route set and
/// our CSeq counter; builds the Request-URI and Route headers of in-dialog requests (§12.2.1.1).
/// </summary>
internal sealed class SipDialog
{
    private readonly object _sync = new();
    private uint _localCSeq;

    private SipDialog(string callId, NameAddress local, NameAddress remote, SipUri remoteTarget, IReadOnlyList<NameAddress> routeSet, uint localCSeq)
    {
        CallId = callId;
        Local = local;
        Remote = remote;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        _localCSeq = localCSeq;
    }

    public string CallId { get; }

    /// <summary>Our From header (with our tag).</summary>
    public NameAddress Local { get; }

    /// <summary>The remote To header (with their tag).</summary>
    public NameAddress Remote { get; }

    public string LocalTag => Local.Tag ?? string.Empty;

    public string RemoteTag => Remote.Tag ?? string.Empty;

    /// <summary>The remote Contact: where in-dialog requests are addressed.</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Record-Route values in the order our requests visit them.</summary>
    public IReadOnlyList<NameAddress> RouteSet { get; }

    /// <summary>
    /// §12.1.2: route set = Record-Route of the 2xx in reverse order, remote target = its Contact
    /// (the Request-URI when a broken peer sent none).
    /// </summary>
    public static SipDialog FromResponse(SipRequest invite, SipResponse response)
    {
        var routes = response.Headers.GetAll("Record-Route").Select(NameAddress.Parse).Reverse().ToArray();
        var target = response.Contact?.Uri ?? invite.Uri;
        return new SipDialog(invite.CallId, invite.From, response.To, target, routes, invite.CSeq.Number);
    }

    /// <summary>A target refresh (re-INVITE, UPDATE) may change the remote Contact (§12.2.2).</summary>
    public void UpdateRemoteTarget(SipUri target)
    {
        lock (_sync)
        {
            RemoteTarget = target;
        }
    }

    public uint NextCSeq()
    {
        lock (_sync)
        {
            return ++_localCSeq;
        }
    }

    /// <summary>
    /// §12.2.1.1: with a loose-routing first hop the Request-URI is the remote target and every route
    /// becomes a Route header; with a strict router the first route becomes the Request-URI and the
    /// remote target goes last. The returned next hop is where to send.
    /// </summary>
    public (SipUri RequestUri, IReadOnlyList<string> Routes, SipUri NextHop) Target()
    {
        if (RouteSet.Count == 0)
        {
            return (RemoteTarget, [], RemoteTarget);
        }
        var first = RouteSet[0].Uri;
        if (first.IsLooseRouter)
        {
            return (RemoteTarget, RouteSet.Select(r => r.ToString()).ToArray(), first);
        }
        var routes = RouteSet.Skip(1).Select(r => r.ToString()).Append(new NameAddress(RemoteTarget).ToString()).ToArray();
        return (first.WithoutParameter("lr"), routes, first);
    }

    /// <summary>True when a request belongs to this dialog (its To tag is ours, its From tag theirs).</summary>
    public bool Matches(SipRequest request) =>
        request.CallId == CallId && request.To.Tag == LocalTag && request.From.Tag == RemoteTag;
}
