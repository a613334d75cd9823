using System.Security.Cryptography;
using Marketplace.BuildingBlocks.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Auth.Security;

/// <summary>
/// The ES256 key auth signs with (secret <c>Marketplace:Jwt:SigningKey</c>, a PEM). Only its public half leaves
/// this service, through the JWKS document. The key lives as long as the process: signature providers are cached
/// process-wide by key id, so it is never disposed.
/// </summary>
public sealed class SigningKeys : ISigningKeySource
{
    public SigningKeys(IConfiguration configuration)
    {
        var pem = configuration["Marketplace:Jwt:SigningKey"];
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException("Marketplace:Jwt:SigningKey (an ES256 private key in PEM) is required.");
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        var key = new ECDsaSecurityKey(ecdsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);

        var publicJwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(false))) { KeyId = key.KeyId });
        publicJwk.Use = "sig";
        publicJwk.Alg = SecurityAlgorithms.EcdsaSha256;
        PublicJwk = publicJwk;
        ValidationKeys = [key];
    }

    public SigningCredentials SigningCredentials { get; }

    public JsonWebKey PublicJwk { get; }

    public IReadOnlyCollection<SecurityKey> ValidationKeys { get; }
}
