namespace Hardware.Sip.Messages;

/// <summary>
/// The header fields of a SIP message, in received order, with compact forms expanded to their full
/// names (RFC 3261 §7.3.3) so that lookups never have to care how the peer spelled them.
/// </summary>
internal sealed class SipHeaders
{
    private static readonly Dictionary<string, string> s_compactForms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via", ["f"] = "From", ["t"] = "To", ["i"] = "Call-ID", ["m"] = "Contact",
        ["l"] = "Content-Length", ["c"] = "Content-Type", ["k"] = "Supported", ["s"] = "Subject",
        ["e"] = "Content-Encoding", ["o"] = "Event", ["r"] = "Refer-To", ["b"] = "Referred-By",
        ["u"] = "Allow-Events", ["x"] = "Session-Expires", ["a"] = "Accept-Contact", ["j"] = "Reject-Contact",
        ["d"] = "Request-Disposition", ["y"] = "Identity", ["n"] = "Identity-Info",
    };

    // Headers whose grammar is a comma-separated list, so that "Via: a, b" is two Via values (§7.3.1).
    // Authentication headers are NOT lists: their parameters are comma-separated.
    private static readonly HashSet<string> s_listHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Via", "Route", "Record-Route", "Contact", "Allow", "Supported", "Require", "Proxy-Require",
        "Unsupported", "Accept", "Accept-Encoding", "Accept-Language", "Allow-Events", "Content-Encoding",
    };

    private readonly List<KeyValuePair<string, string>> _fields = [];

    /// <summary>All fields in order, names expanded, list values not split.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    /// <summary>Expands a compact header name (<c>v</c> → <c>Via</c>); other names are returned as given.</summary>
    public static string CanonicalName(string name) =>
        s_compactForms.TryGetValue(name.Trim(), out var full) ? full : name.Trim();

    /// <summary>Appends a field.</summary>
    public void Add(string name, string value) => _fields.Add(new(CanonicalName(name), value.Trim()));

    /// <summary>Replaces every field of that name with one value (or appends it).</summary>
    public void Set(string name, string value)
    {
        var canonical = CanonicalName(name);
        var index = _fields.FindIndex(f => Is(f.Key, canonical));
        RemoveAll(canonical);
        var field = new KeyValuePair<string, string>(canonical, value.Trim());
        if (index >= 0 && index <= _fields.Count)
        {
            _fields.Insert(index, field);
        }
        else
        {
            _fields.Add(field);
        }
    }

    /// <summary>Removes every field of that name.</summary>
    public void RemoveAll(string name)
    {
        var canonical = CanonicalName(name);
        _fields.RemoveAll(f => Is(f.Key, canonical));
    }

    /// <summary>The first value of that header (not split), or null.</summary>
    public string? Get(string name)
    {
        var canonical = CanonicalName(name);
        foreach (var field in _fields)
        {
            if (Is(field.Key, canonical))
            {
                return field.Value;
            }
        }
        return null;
    }

    /// <summary>True when the header is present.</summary>
    public bool Contains(string name) => Get(name) is not null;

    /// <summary>
    /// Every value of that header across all its fields; for list headers (Via, Route, Contact…)
    /// comma-joined values are split, respecting quotes and angle brackets.
    /// </summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var canonical = CanonicalName(name);
        var split = s_listHeaders.Contains(canonical);
        var values = new List<string>();
        foreach (var field in _fields)
        {
            if (!Is(field.Key, canonical))
            {
                continue;
            }
            if (split)
            {
                values.AddRange(HeaderText.SplitOutsideQuotes(field.Value, ',')
                    .Select(v => v.Trim())
                    .Where(v => v.Length > 0));
            }
            else
            {
                values.Add(field.Value);
            }
        }
        return values;
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
