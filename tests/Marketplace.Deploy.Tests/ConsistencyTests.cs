namespace Marketplace.Deploy.Tests;

public sealed class ConsistencyTests
{
    /// <summary>
    /// dapr.yaml is the list of apps; the service projects, the contract document, the scripts, docker-compose and
    /// every Kubernetes overlay must name the same apps with the same ports, app ids, secret stores and databases.
    /// </summary>
    [Fact]
    public void Every_app_agrees_across_code_contract_compose_and_Kubernetes()
    {
        var apps = DaprRunFile.AppIds.Order().ToList();
        var problems = new List<string>();
        void SameApps(string where, IEnumerable<string> found)
        {
            if (!found.Order().SequenceEqual(apps))
            {
                problems.Add($"{where} lists [{string.Join(", ", found.Order())}], dapr.yaml [{string.Join(", ", apps)}]");
            }
        }

        SameApps("services/", CodeFacts.ServiceDirectories.Select(directory => DaprRunFile.Apps.SingleOrDefault(app => app.Directory == directory)?.AppId ?? directory));
        SameApps("docs/internal-api.md", CodeFacts.ContractTable.Keys);
        SameApps("scripts/common.sh", CodeFacts.ScriptServices());
        SameApps("docker-compose.yml apps", ComposeFacts.Apps);
        SameApps("docker-compose.yml sidecars", ComposeFacts.Sidecars.Select(sidecar => sidecar[..^"-dapr".Length]));
        foreach (var overlay in Kubernetes.Overlays)
        {
            SameApps(overlay, KubernetesFacts.AppIds(overlay));
        }

        foreach (var app in DaprRunFile.Apps)
        {
            var found = CodeFacts.Problems(app).Concat(ComposeFacts.Problems(app))
                .Concat(Kubernetes.Overlays.SelectMany(overlay => KubernetesFacts.Problems(overlay, app)));
            problems.AddRange(found.Select(problem => $"{app.AppId}: {problem}"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
