using System.Text;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>One HTTP/1.1 request as the load generator writes it on the wire.</summary>
public sealed record BenchRequest(string Method, string Path, string? Token = null, string? Json = null, string? IdempotencyKey = null)
{
    public static BenchRequest Get(string path, string? token = null) => new("GET", path, token);

    public static BenchRequest Delete(string path, string token) => new("DELETE", path, token);

    public static BenchRequest Post(string path, string json, string? token, string? idempotencyKey = null) => new("POST", path, token, json, idempotencyKey);

    /// <summary>Writes the request into <paramref name="buffer"/> and returns its length.</summary>
    public int Encode(string host, byte[] buffer)
    {
        var head = new StringBuilder(256).Append(Method).Append(' ').Append(Path).Append(" HTTP/1.1\r\nHost: ").Append(host).Append("\r\n");
        if (Token is not null)
        {
            head.Append("Authorization: Bearer ").Append(Token).Append("\r\n");
        }

        if (IdempotencyKey is not null)
        {
            head.Append("Idempotency-Key: ").Append(IdempotencyKey).Append("\r\n");
        }

        var bodyLength = Json is null ? 0 : Encoding.UTF8.GetByteCount(Json);
        if (Json is not null)
        {
            head.Append("Content-Type: application/json\r\nContent-Length: ").Append(bodyLength).Append("\r\n");
        }

        head.Append("\r\n");
        var length = Encoding.ASCII.GetBytes(head.ToString(), buffer);
        return Json is null ? length : length + Encoding.UTF8.GetBytes(Json, buffer.AsSpan(length));
    }
}
