using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

/// <summary>The kustomize overlays under deploy/overlays, rendered once per test run.</summary>
internal static class Kubernetes
{
    private static readonly ConcurrentDictionary<string, string> Rendered = new();

    public static IReadOnlyList<string> Overlays { get; } = Directory.GetDirectories(Repo.Path("deploy", "overlays"))
        .Select(directory => Path.GetRelativePath(Repo.Root, directory))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string Render(string overlay) => Rendered.GetOrAdd(overlay, Tools.Kustomize);

    public static IReadOnlyList<YamlMappingNode> Objects(string overlay) => Yaml.Load(Render(overlay));

    public static IEnumerable<YamlMappingNode> OfKind(this IEnumerable<YamlMappingNode> objects, string kind) =>
        objects.Where(item => item.Text("kind") == kind);

    public static string Name(this YamlNode item) => item.Text("metadata", "name") ?? string.Empty;

    public static IReadOnlyDictionary<string, YamlNode> PodLabels(this YamlNode deployment) =>
        deployment.Entries("spec", "template", "metadata", "labels");

    public static string Annotation(this YamlNode deployment, string name) =>
        deployment.Text("spec", "template", "metadata", "annotations", name) ?? string.Empty;

    public static YamlNode AppContainer(this YamlNode deployment) => deployment.Items("spec", "template", "spec", "containers")[0];

    /// <summary>Whether a label selector (<c>matchLabels</c> or a Service's plain map) selects pods with these labels.</summary>
    public static bool Selects(this YamlNode? selector, IReadOnlyDictionary<string, YamlNode> labels)
    {
        var required = selector.Get("matchLabels") is YamlMappingNode ? selector.Entries("matchLabels") : selector.Entries();
        return required.All(pair => labels.TryGetValue(pair.Key, out var value) && value.Text() == pair.Value.Text());
    }
}
