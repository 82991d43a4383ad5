using System.Net;

namespace Conversa.Benchmarks;

/// <summary>The only way this project makes HTTP clients: to 127.0.0.1 and nowhere else.</summary>
public static class Loopback
{
    public static Uri Require(Uri address)
    {
        if (!IPAddress.TryParse(address.Host, out var ip) || !ip.Equals(IPAddress.Loopback))
        {
            throw new InvalidOperationException($"Benchmarks only target 127.0.0.1, not {address}.");
        }
        return address;
    }

    public static HttpClient CreateClient(Uri address, int maxConnections = 8)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        return new HttpClient(handler) { BaseAddress = Require(address), Timeout = TimeSpan.FromSeconds(30) };
    }
}
