using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

/// <summary>How each Kubernetes overlay runs each app.</summary>
internal static class KubernetesFacts
{
    public static IEnumerable<string> AppIds(string overlay) =>
        Kubernetes.Objects(overlay).OfKind("Deployment").Select(deployment => deployment.Annotation("dapr.io/app-id"));

    public static IEnumerable<string> Problems(string overlay, DaprApp app)
    {
        var objects = Kubernetes.Objects(overlay);
        var deployment = objects.OfKind("Deployment").SingleOrDefault(candidate => candidate.Annotation("dapr.io/app-id") == app.AppId);
        if (deployment is null)
        {
            yield return $"{overlay} has no Deployment with dapr.io/app-id {app.AppId}";
            yield break;
        }

        var container = deployment.AppContainer();
        var settings = container.Items("envFrom").Select(source => source.Text("configMapRef", "name"))
            .Select(name => objects.OfKind("ConfigMap").Single(map => map.Name() == name).Get("data")).Single();
        if (deployment.Annotation("dapr.io/app-port") != $"{app.Port}" || container.Items("ports")[0].Text("containerPort") != $"{app.Port}"
            || settings.Text("Urls") != $"http://0.0.0.0:{app.Port}")
        {
            yield return $"{overlay}: {deployment.Name()} does not agree on port {app.Port} (annotation, containerPort, Urls)";
        }

        var storeName = settings.Text("Marketplace__SecretStore");
        var store = objects.OfKind("Component").SingleOrDefault(component => component.Name() == storeName);
        if (store is null || !store.Strings("scopes").SequenceEqual([app.AppId]))
        {
            yield return $"{overlay}: secret store '{storeName}' is missing or not scoped to the app alone";
        }

        var secretName = $"marketplace-{app.AppId}";
        var scope = objects.OfKind("Configuration").Single(configuration => configuration.Name() == deployment.Annotation("dapr.io/config"))
            .Items("spec", "secrets", "scopes").SingleOrDefault(candidate => candidate.Text("storeName") == storeName);
        if (scope is null || scope.Text("defaultAccess") != "deny" || !scope.Strings("allowedSecrets").SequenceEqual([secretName]))
        {
            yield return $"{overlay}: the Configuration does not limit '{storeName}' to the Secret {secretName}";
        }

        var secret = objects.OfKind("Secret").SingleOrDefault(candidate => candidate.Name() == secretName);
        var database = secret.Text("stringData", "ConnectionStrings__Database") is { } connection ? ComposeFacts.DatabaseName(connection) : null;
        if (secret is null || database != CodeFacts.Database(app.AppId))
        {
            yield return $"{overlay}: Secret {secretName} is missing or points at database '{database}'";
        }
    }
}
