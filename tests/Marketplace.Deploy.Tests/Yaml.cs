using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

/// <summary>Reads YAML documents (aliases resolved) and walks them by key.</summary>
internal static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> LoadFile(string path) => Load(File.ReadAllText(path));

    public static IReadOnlyList<YamlMappingNode> Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Get(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Text(this YamlNode? node, params string[] path) => (node.Get(path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static IReadOnlyList<string> Strings(this YamlNode? node, params string[] path) =>
        node.Items(path).OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? string.Empty).ToList();

    public static IReadOnlyDictionary<string, YamlNode> Entries(this YamlNode? node, params string[] path) =>
        node.Get(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(entry => ((YamlScalarNode)entry.Key).Value ?? string.Empty, entry => entry.Value)
            : new Dictionary<string, YamlNode>();
}
