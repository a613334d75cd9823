using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

/// <summary>A Dapr resource (Component, Configuration, Resiliency) and the file it was read from.</summary>
internal sealed record DaprResource(string File, YamlMappingNode Node)
{
    public string Kind => Node.Text("kind") ?? string.Empty;

    public string Name => Node.Text("metadata", "name") ?? string.Empty;

    public override string ToString() => $"{Kind} {Name} ({File})";
}

/// <summary>The Dapr resources of each way to run: `dapr run -f .`, docker-compose and Kubernetes.</summary>
internal static class DaprResources
{
    /// <summary>`dapr run -f .` loads components/; docker-compose mounts its own components beside the shared
    /// configuration and resiliency; Kubernetes applies deploy/base/dapr.</summary>
    public static readonly string[] Directories = ["components", "deploy/compose/components", "deploy/base/dapr"];

    public static IReadOnlyList<string> Files { get; } = Directories
        .SelectMany(directory => Directory.GetFiles(Repo.Path(directory), "*.yaml"))
        .Select(path => Path.GetRelativePath(Repo.Root, path))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<DaprResource> All { get; } = Files
        .SelectMany(file => Yaml.LoadFile(Repo.Path(file)).Select(node => new DaprResource(file, node)))
        .ToList();

    public static IEnumerable<DaprResource> In(string directory, string kind) =>
        All.Where(resource => resource.Kind == kind && Path.GetDirectoryName(resource.File) == directory);

    public static DaprResource Single(string file, string kind) => All.Single(resource => resource.File == file && resource.Kind == kind);
}
