using System.Net.Http.Headers;

namespace Conversa.Benchmarks;

/// <summary>The GET requests the scenarios send, with no credentials, an API key or a bearer token.</summary>
public static class Requests
{
    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage WithApiKey(string path, string key)
    {
        var request = Get(path);
        request.Headers.Add("X-API-Key", key);
        return request;
    }

    public static HttpRequestMessage WithBearer(string path, string token)
    {
        var request = Get(path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
