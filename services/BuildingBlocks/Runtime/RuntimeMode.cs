namespace Marketplace.BuildingBlocks.Runtime;

/// <summary>How a service reaches its peers, its broker and its secrets.</summary>
public enum RuntimeMode
{
    /// <summary>No sidecar: peers by configured URL, events over Redis Streams, secrets from configuration.</summary>
    Local,

    /// <summary>A Dapr sidecar is present: invocation, pub/sub and secrets go through it.</summary>
    Dapr,
}
