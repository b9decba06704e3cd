using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Edge.Core.Configuration.Reading;

/// <summary>
/// Reads one YAML mapping into typed values, recording every problem with its line instead of stopping at the
/// first, and remembering where each key was so that later validation can point at it. Keys it was never asked
/// for are reported as unknown, with the nearest known key as a suggestion (a typo must not silently disable a
/// siren).
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode _node;
    private readonly ReadContext _context;

    internal ReadContext Context => _context;
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    public MappingReader(YamlMappingNode node, string path, ReadContext context)
    {
        _node = node;
        Path = path;
        _context = context;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                if (!_entries.TryAdd(name, (key, value)))
                {
                    context.Error(key, Join(name), $"'{name}' appears twice in the same section.", "Keep only one of them.");
                }
            }
            else
            {
                context.Error(key, path, "A key must be a plain word.", null);
            }
        }
    }

    public string Path { get; }

    public SourceLocation Location => ReadContext.LocationOf(_node);

    public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    public bool Has(string key) => _entries.ContainsKey(key);

    public string? String(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            if (required)
            {
                _context.Error(scalar, Join(key), $"'{key}' must not be empty.", null);
            }

            return null;
        }

        return scalar.Value.Trim();
    }

    public int Int(string key, int defaultValue, bool required = false) => IntOrNull(key, required) ?? defaultValue;

    public int? IntOrNull(string key, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar?.Value is null)
        {
            return null;
        }

        if (int.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        _context.Error(scalar, Join(key), $"'{scalar.Value}' is not a whole number.", $"Write {key} as digits only, e.g. {key}: 30.");
        return null;
    }

    public bool Bool(string key, bool defaultValue)
    {
        var scalar = Scalar(key, required: false);
        if (scalar?.Value is null)
        {
            return defaultValue;
        }

        switch (scalar.Value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                _context.Error(scalar, Join(key), $"'{scalar.Value}' is not true or false.", $"Write {key}: true or {key}: false.");
                return defaultValue;
        }
    }

    /// <summary>Reads one of a fixed set of words (case-insensitive).</summary>
    public T Choice<T>(string key, T defaultValue, IReadOnlyDictionary<string, T> words, bool required = false)
    {
        var scalar = Scalar(key, required);
        if (scalar?.Value is null)
        {
            return defaultValue;
        }

        if (words.TryGetValue(scalar.Value.Trim().ToLowerInvariant(), out var value))
        {
            return value;
        }

        _context.Error(scalar, Join(key), $"'{scalar.Value}' is not a valid {key}.", $"Use one of: {string.Join(", ", words.Keys)}.");
        return defaultValue;
    }

    public MappingReader? Mapping(string key, bool required = false)
    {
        var node = Node(key, required);
        switch (node)
        {
            case null:
                return null;
            case YamlMappingNode mapping:
                return new MappingReader(mapping, Join(key), _context);
            default:
                _context.Error(node, Join(key), $"'{key}' must be a section with its own keys (indented below it).", null);
                return null;
        }
    }

    /// <summary>A list whose items are sections; an absent key is an empty list.</summary>
    public IReadOnlyList<MappingReader> Sequence(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            _context.Error(node, Join(key), $"'{key}' must be a list (items starting with '- ').", null);
            return [];
        }

        var items = new List<MappingReader>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            if (item is YamlMappingNode mapping)
            {
                items.Add(new MappingReader(mapping, $"{Join(key)}[{i}]", _context));
            }
            else
            {
                _context.Error(item, $"{Join(key)}[{i}]", "Each item must be a section with its own keys.", null);
            }
        }

        return items;
    }

    /// <summary>A list of plain words.</summary>
    public IReadOnlyList<(string Value, SourceLocation Location)> Strings(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return [];
        }

        if (node is YamlScalarNode { Value: { } single })
        {
            return [(single.Trim(), ReadContext.LocationOf(node))];
        }

        if (node is not YamlSequenceNode sequence)
        {
            _context.Error(node, Join(key), $"'{key}' must be a list of words, e.g. [a, b].", null);
            return [];
        }

        var values = new List<(string, SourceLocation)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
            {
                values.Add((value.Trim(), ReadContext.LocationOf(item)));
            }
            else
            {
                _context.Error(item, Join(key), "Each item must be a plain word.", null);
            }
        }

        return values;
    }

    /// <summary>Reports the keys nobody asked for. Call once everything has been read.</summary>
    public void ReportUnknownKeys()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (_asked.Contains(name))
            {
                continue;
            }

            var suggestion = Suggestions.Nearest(name, _asked);
            _context.Error(key, Join(name), $"'{name}' is not a known setting here.",
                suggestion is null ? $"Remove it; known settings are: {string.Join(", ", _asked.Order(StringComparer.Ordinal))}." : $"Did you mean '{suggestion}'?");
        }
    }

    public string Join(string key) => string.IsNullOrEmpty(Path) ? key : $"{Path}.{key}";

    private YamlScalarNode? Scalar(string key, bool required)
    {
        var node = Node(key, required);
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar;
            default:
                _context.Error(node, Join(key), $"'{key}' must be a single value, not a list or a section.", null);
                return null;
        }
    }

    private YamlNode? Node(string key, bool required)
    {
        _asked.Add(key);
        if (_entries.TryGetValue(key, out var entry) && !IsNull(entry.Value))
        {
            Locations[key] = ReadContext.LocationOf(entry.Value);
            return entry.Value;
        }

        if (required)
        {
            _context.Error(_node, Path, $"'{key}' is missing.", $"Add '{key}:' to this section.");
        }

        return null;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } scalar &&
        (scalar.Value is null || scalar.Value is "" or "~" or "null");
}
