using YamlDotNet.RepresentationModel;

namespace Marketplace.Deploy.Tests;

/// <summary>
/// Dapr's service-invocation access control, as the called app's sidecar applies it: the caller's policy (or the
/// global default when it has none), then the most specific operation matching the path and verb.
/// Operation names match by path segment; <c>*</c> is one segment, <c>**</c> the rest of the path.
/// </summary>
internal sealed class AccessControl(YamlNode accessControl)
{
    public bool Allows(string caller, string method, string path)
    {
        var policy = accessControl.Items("policies").FirstOrDefault(candidate => candidate.Text("appId") == caller);
        if (policy is null)
        {
            return accessControl.Text("defaultAction") == "allow";
        }

        var operation = policy.Items("operations")
            .Where(candidate => Matches(candidate.Text("name")!, path) && candidate.Strings("httpVerb").Any(verb => verb == "*" || string.Equals(verb, method, StringComparison.OrdinalIgnoreCase)))
            .MaxBy(candidate => Specificity(candidate.Text("name")!));
        return (operation?.Text("action") ?? policy.Text("defaultAction")) == "allow";
    }

    private static bool Matches(string pattern, string path)
    {
        var patternSegments = pattern.Trim('/').Split('/');
        var pathSegments = path.Trim('/').Split('/');
        for (var index = 0; index < patternSegments.Length; index++)
        {
            if (patternSegments[index] == "**")
            {
                return pathSegments.Length > index;
            }

            if (index >= pathSegments.Length || (patternSegments[index] != "*" && !string.Equals(patternSegments[index], pathSegments[index], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return patternSegments.Length == pathSegments.Length;
    }

    private static int Specificity(string pattern) => pattern.Split('/').Count(segment => segment is not ("*" or "**"));
}
