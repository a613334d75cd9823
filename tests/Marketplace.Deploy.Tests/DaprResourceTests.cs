using System.Globalization;
using Marketplace.BuildingBlocks.Messaging;
using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

public sealed class DaprResourceTests
{
    /// <summary>Metadata each component type cannot work without.</summary>
    private static readonly Dictionary<string, string[]> RequiredMetadata = new()
    {
        ["pubsub.redis"] = ["redisHost"],
        ["secretstores.local.file"] = ["secretsFile"],
        ["secretstores.kubernetes"] = [],
    };

    public static TheoryData<string> Files => new(DaprResources.Files);

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_resource_parses_and_has_the_fields_its_kind_requires(string file)
    {
        var resources = DaprResources.All.Where(resource => resource.File == file).ToList();
        Assert.NotEmpty(resources);
        var problems = resources.SelectMany(resource => ProblemsOf(resource).Select(problem => $"{resource}: {problem}")).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_run_file_starts_every_app_in_dapr_mode_with_the_components_and_its_own_sidecar_ports()
    {
        var runFile = Yaml.LoadFile(Repo.Path("dapr.yaml")).Single();
        Assert.Equal("./components", runFile.Text("common", "resourcesPath"));
        Assert.Equal("dapr", runFile.Text("common", "env", "Marketplace__Runtime"));
        var ports = runFile.Items("apps").SelectMany(app => new[] { app.Text("appPort"), app.Text("daprHTTPPort"), app.Text("daprGRPCPort") }).ToList();
        Assert.DoesNotContain(null, ports);
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public void The_event_bus_component_has_the_name_the_services_publish_to_in_every_way_to_run()
    {
        var pubSubName = new EventBusOptions().PubSubName;
        foreach (var directory in DaprResources.Directories)
        {
            var pubsubs = DaprResources.In(directory, "Component").Where(component => component.Node.Text("spec", "type")!.StartsWith("pubsub.", StringComparison.Ordinal)).ToList();
            var pubsub = Assert.Single(pubsubs);
            Assert.Equal(pubSubName, pubsub.Name);
            Assert.Equal(DaprRunFile.AppIds.Where(appId => appId != "gateway").Order(), pubsub.Node.Strings("scopes").Order());
        }
    }

    [Fact]
    public void The_self_hosted_secret_files_exist_and_hold_json_objects()
    {
        foreach (var store in DaprResources.In("components", "Component").Where(component => component.Node.Text("spec", "type") == "secretstores.local.file"))
        {
            var secretsFile = MetadataValue(store.Node, "secretsFile")!;
            var path = Repo.Path(secretsFile.Replace("./", string.Empty, StringComparison.Ordinal));
            Assert.True(File.Exists(path), $"{store}: {secretsFile} does not exist.");
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(System.Text.Json.JsonValueKind.Object, json.RootElement.ValueKind);
        }
    }

    [Fact]
    public void Compose_and_Kubernetes_share_one_resiliency_spec_and_one_set_of_access_policies()
    {
        var shared = DaprResources.Single("components/resiliency.yaml", "Resiliency");
        var kubernetes = DaprResources.Single("deploy/base/dapr/resiliency.yaml", "Resiliency");
        Assert.Equal(Canonical(shared.Node), Canonical(kubernetes.Node));

        var compose = DaprResources.Single("components/configuration.yaml", "Configuration").Node.Get("spec", "accessControl");
        var cluster = DaprResources.Single("deploy/base/dapr/configuration.yaml", "Configuration").Node.Get("spec", "accessControl");
        Assert.Equal(Canonical(compose).Replace("namespace=default", "namespace=marketplace", StringComparison.Ordinal), Canonical(cluster));
    }

    private static IEnumerable<string> ProblemsOf(DaprResource resource)
    {
        if (resource.Node.Text("apiVersion") != "dapr.io/v1alpha1")
        {
            yield return "apiVersion must be dapr.io/v1alpha1";
        }

        if (string.IsNullOrWhiteSpace(resource.Name))
        {
            yield return "metadata.name is required";
        }

        var problems = resource.Kind switch
        {
            "Component" => ComponentProblems(resource.Node),
            "Configuration" => ConfigurationProblems(resource.Node),
            "Resiliency" => ResiliencyProblems(resource.Node),
            _ => [$"unexpected kind '{resource.Kind}'"],
        };
        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> ComponentProblems(YamlMappingNode component)
    {
        var type = component.Text("spec", "type") ?? string.Empty;
        if (!RequiredMetadata.TryGetValue(type, out var required))
        {
            yield return $"unknown component type '{type}'";
            yield break;
        }

        if (component.Text("spec", "version") != "v1")
        {
            yield return "spec.version must be v1";
        }

        if (component.Get("spec", "metadata") is not YamlSequenceNode items)
        {
            yield return "spec.metadata must be a list";
            yield break;
        }

        foreach (var item in items)
        {
            var hasValue = item.Get("value") is YamlScalarNode;
            var hasReference = item.Text("secretKeyRef", "name") is { Length: > 0 } && item.Text("secretKeyRef", "key") is { Length: > 0 };
            if (string.IsNullOrEmpty(item.Text("name")) || hasValue == hasReference)
            {
                yield return $"metadata item '{item.Text("name")}' needs a name and either a value or a secretKeyRef with name and key";
            }
        }

        foreach (var name in required.Where(name => !items.Any(item => item.Text("name") == name)))
        {
            yield return $"{type} requires the '{name}' metadata";
        }

        foreach (var problem in ScopeProblems(component))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> ConfigurationProblems(YamlMappingNode configuration)
    {
        if (!double.TryParse(configuration.Text("spec", "tracing", "samplingRate"), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate is < 0 or > 1)
        {
            yield return "spec.tracing.samplingRate must be a number between 0 and 1";
        }

        var accessControl = configuration.Get("spec", "accessControl");
        if (accessControl.Text("defaultAction") != "deny")
        {
            yield return "spec.accessControl.defaultAction must be deny (callers without a policy are refused)";
        }

        foreach (var policy in accessControl.Items("policies"))
        {
            var appId = policy.Text("appId") ?? string.Empty;
            if (!DaprRunFile.AppIds.Contains(appId) || !IsAction(policy.Text("defaultAction")) || string.IsNullOrEmpty(policy.Text("namespace")) || string.IsNullOrEmpty(policy.Text("trustDomain")))
            {
                yield return $"policy '{appId}' needs a known appId, a defaultAction, a trustDomain and a namespace";
            }

            foreach (var operation in policy.Items("operations").Where(operation =>
                         operation.Text("name")?.StartsWith('/') != true || operation.Strings("httpVerb").Count == 0 || !IsAction(operation.Text("action"))))
            {
                yield return $"policy '{appId}': operation '{operation.Text("name")}' needs a name starting with '/', httpVerb and an action";
            }
        }
    }

    private static IEnumerable<string> ResiliencyProblems(YamlMappingNode resiliency)
    {
        var policies = resiliency.Get("spec", "policies");
        var known = new Dictionary<string, IEnumerable<string>>
        {
            ["timeout"] = policies.Entries("timeouts").Keys,
            ["retry"] = policies.Entries("retries").Keys,
            ["circuitBreaker"] = policies.Entries("circuitBreakers").Keys,
        };
        var targets = resiliency.Get("spec", "targets");
        var apps = targets.Entries("apps");
        var componentDirections = targets.Entries("components").SelectMany(component =>
            component.Value.Entries().Select(direction => ($"component {component.Key} {direction.Key}", direction.Value)));
        foreach (var (target, policy) in apps.Select(app => ($"app {app.Key}", app.Value)).Concat(componentDirections))
        {
            foreach (var (kind, names) in known)
            {
                if (policy.Text(kind) is { } name && !names.Contains(name))
                {
                    yield return $"{target}: {kind} '{name}' is not defined under spec.policies";
                }
            }
        }

        foreach (var appId in apps.Keys.Where(appId => !DaprRunFile.AppIds.Contains(appId)))
        {
            yield return $"targets.apps names unknown app '{appId}'";
        }

        foreach (var problem in ScopeProblems(resiliency))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> ScopeProblems(YamlMappingNode resource)
    {
        var scopes = resource.Strings("scopes");
        if (scopes.Count == 0)
        {
            yield return "scopes must list the apps that may load it";
        }

        foreach (var scope in scopes.Where(scope => !DaprRunFile.AppIds.Contains(scope)))
        {
            yield return $"scope '{scope}' is not an app of dapr.yaml";
        }
    }

    private static bool IsAction(string? action) => action is "allow" or "deny";

    private static string? MetadataValue(YamlNode component, string name) =>
        component.Items("spec", "metadata").FirstOrDefault(item => item.Text("name") == name).Text("value");

    /// <summary>A node as text with comments and layout gone, for comparing two files' content.</summary>
    private static string Canonical(YamlNode? node) => node switch
    {
        YamlMappingNode mapping => "{" + string.Join(',', mapping.Children.Select(entry => $"{Canonical(entry.Key)}={Canonical(entry.Value)}")) + "}",
        YamlSequenceNode sequence => "[" + string.Join(',', sequence.Children.Select(Canonical)) + "]",
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        _ => string.Empty,
    };
}
