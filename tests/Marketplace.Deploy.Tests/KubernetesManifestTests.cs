using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => new(Kubernetes.Overlays);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_overlay_builds_and_validates_against_the_Kubernetes_schemas(string overlay)
    {
        var result = Tools.Run(Tools.Require("node"), [Repo.Path("deploy", "validate", "validate-k8s.mjs")], Kubernetes.Render(overlay));
        Assert.True(result.ExitCode == 0, $"{overlay} does not validate:\n{result.Output}{result.Error}");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_runs_with_its_sidecar_health_probes_and_resource_limits(string overlay)
    {
        var objects = Kubernetes.Objects(overlay);
        var configurations = objects.OfKind("Configuration").Select(Kubernetes.Name).ToList();
        var deployments = objects.OfKind("Deployment").ToList();
        Assert.Equal(DaprRunFile.AppIds.Order(), deployments.Select(deployment => deployment.Annotation("dapr.io/app-id")).Order());
        foreach (var deployment in deployments)
        {
            var name = deployment.Name();
            Assert.Equal("true", deployment.Annotation("dapr.io/enabled"));
            Assert.Contains(deployment.Annotation("dapr.io/config"), configurations);
            Assert.All(["cpu-request", "cpu-limit", "memory-request", "memory-limit"], resource =>
                Assert.False(string.IsNullOrEmpty(deployment.Annotation($"dapr.io/sidecar-{resource}")), $"{name}: no sidecar {resource}"));

            var app = deployment.AppContainer();
            Assert.Equal("/health/live", app.Text("livenessProbe", "httpGet", "path"));
            Assert.Equal("/health/ready", app.Text("readinessProbe", "httpGet", "path"));
            Assert.All(["requests", "limits"], kind => Assert.All(["cpu", "memory"], resource =>
                Assert.False(string.IsNullOrEmpty(app.Text("resources", kind, resource)), $"{name}: no {resource} {kind}")));
            Assert.Equal("true", deployment.Text("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_has_a_Service_a_disruption_budget_and_an_autoscaler(string overlay)
    {
        var objects = Kubernetes.Objects(overlay);
        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var labels = deployment.PodLabels();
            Assert.Single(objects.OfKind("Service"), service => service.Get("spec", "selector").Selects(labels));
            Assert.Single(objects.OfKind("PodDisruptionBudget"), budget => budget.Get("spec", "selector").Selects(labels));
            var autoscaler = Assert.Single(objects.OfKind("HorizontalPodAutoscaler"), hpa => hpa.Text("spec", "scaleTargetRef", "name") == deployment.Name());
            Assert.Equal("Deployment", autoscaler.Text("spec", "scaleTargetRef", "kind"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_the_gateway_takes_traffic_from_outside(string overlay)
    {
        var objects = Kubernetes.Objects(overlay);
        var policies = objects.OfKind("NetworkPolicy").ToList();
        Assert.Contains(policies, policy => policy.Get("spec", "podSelector") is YamlMappingNode { Children.Count: 0 }
            && policy.Strings("spec", "policyTypes").Contains("Ingress") && policy.Items("spec", "ingress").Count == 0);

        var open = objects.OfKind("Deployment")
            .Where(deployment => policies.Any(policy => policy.Get("spec", "podSelector").Selects(deployment.PodLabels())
                && policy.Items("spec", "ingress").Any(rule => rule.Items("from").Count == 0)))
            .Select(deployment => deployment.Annotation("dapr.io/app-id"));
        Assert.Equal(["gateway"], open);

        var gatewayService = Assert.Single(objects.OfKind("Service"), service => service.Get("spec", "selector").Selects(
            objects.OfKind("Deployment").Single(deployment => deployment.Annotation("dapr.io/app-id") == "gateway").PodLabels())).Name();
        var backends = objects.OfKind("Ingress").SelectMany(ingress => ingress.Items("spec", "rules"))
            .SelectMany(rule => rule.Items("http", "paths")).Select(path => path.Text("backend", "service", "name")).ToList();
        Assert.NotEmpty(backends);
        Assert.All(backends, backend => Assert.Equal(gatewayService, backend));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Apps_read_their_secrets_from_the_Kubernetes_secret_store(string overlay)
    {
        var objects = Kubernetes.Objects(overlay);
        var stores = objects.OfKind("Component").Where(component => component.Text("spec", "type")!.StartsWith("secretstores.", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stores);
        Assert.All(stores, store => Assert.Equal("secretstores.kubernetes", store.Text("spec", "type")));
    }
}
