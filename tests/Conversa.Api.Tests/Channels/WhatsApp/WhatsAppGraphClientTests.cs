using System.Text.Json.Nodes;
using Conversa.Infrastructure.Channels;
using Conversa.Infrastructure.Configuration;

namespace Conversa.Api.Tests.Channels.WhatsApp;

/// <summary>The Graph API client against the fake Graph API: request shapes, and every answer mapped to sent, retry or refused.</summary>
public sealed class WhatsAppGraphClientTests : IAsyncLifetime
{
    private FakeGraphApi _graph = null!;
    private WhatsAppGraphClient _client = null!;

    public async Task InitializeAsync()
    {
        _graph = await FakeGraphApi.StartAsync();
        _client = Client(TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync() => await _graph.DisposeAsync();

    private WhatsAppGraphClient Client(TimeSpan timeout) =>
        new(new HttpClient { Timeout = timeout }, new ConversaOptions { WhatsApp = { GraphUrl = _graph.BaseUrl + "/", ApiVersion = "v25.0" } });

    [Fact]
    public async Task A_text_goes_out_exactly_as_the_documented_request()
    {
        var fixture = WhatsAppFixtures.Json("whatsapp_send_text_request");
        var expected = fixture["body"]!;
        var result = await _client.SendTextAsync("106540352242922", "EAAJB...", "+16505551234", expected["text"]!["body"]!.GetValue<string>(), default);
        result.Accepted.Should().BeTrue();
        result.MessageId.Should().StartWith("wamid.");
        var request = _graph.SendsFrom("106540352242922").Single();
        request.Path.Should().Be(new Uri(fixture["url"]!.GetValue<string>()).AbsolutePath);
        request.Authorization.Should().Be(fixture["headers"]!["Authorization"]!.GetValue<string>());
        JsonNode.DeepEquals(request.Body, expected).Should().BeTrue("sent {0}", request.Body!.ToJsonString());
    }

    [Fact]
    public async Task A_template_names_its_language_and_carries_the_text_as_its_parameter()
    {
        var result = await _client.SendTemplateAsync("555", "tok", "+573001112233", new WhatsAppTemplate("appointment_reminder", "es"), "Mañana 10:00", default);
        result.Accepted.Should().BeTrue();
        var body = _graph.SendsFrom("555").Single().Body!;
        body["type"]!.GetValue<string>().Should().Be("template");
        body["template"]!["name"]!.GetValue<string>().Should().Be("appointment_reminder");
        body["template"]!["language"]!["code"]!.GetValue<string>().Should().Be("es");
        body["template"]!["components"]![0]!["parameters"]![0]!["text"]!.GetValue<string>().Should().Be("Mañana 10:00");
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_and_other_refusals_are_final()
    {
        _graph.FailNext(429, retryAfter: "7");
        var limited = await _client.SendTextAsync("556", "tok", "+573001112233", "hola", default);
        limited.Should().Match<GraphResult>(r => !r.Accepted && r.Retryable && r.RetryAfter == TimeSpan.FromSeconds(7));

        _graph.FailNext(503);
        (await _client.SendTextAsync("556", "tok", "+573001112233", "hola", default)).Retryable.Should().BeTrue();

        _graph.FailNext(400, code: 131047, message: "Re-engagement message");
        var refused = await _client.SendTextAsync("556", "tok", "+573001112233", "hola", default);
        refused.Should().Match<GraphResult>(r => !r.Accepted && !r.Retryable && r.ErrorCode == GraphResult.OutsideWindowCode);
        refused.Error.Should().Contain("Re-engagement message");

        (await _client.SendTextAsync("556", "tok", "+573001112233", "hola", default)).Accepted.Should().BeTrue();
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_retried()
    {
        await using var silent = await SilentServer.StartAsync();
        var client = new WhatsAppGraphClient(new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) },
            new ConversaOptions { WhatsApp = { GraphUrl = silent.BaseUrl } });
        var result = await client.SendTextAsync("1", "tok", "+573001112233", "hola", default);
        result.Retryable.Should().BeTrue();
        var unreachable = new WhatsAppGraphClient(new HttpClient(), new ConversaOptions { WhatsApp = { GraphUrl = "http://127.0.0.1:1" } });
        (await unreachable.SendTextAsync("1", "tok", "+573001112233", "hola", default)).Retryable.Should().BeTrue();
    }

    [Fact]
    public async Task Media_is_fetched_by_id_then_url_with_the_same_bearer_token()
    {
        var download = await _client.DownloadMediaAsync("1234567890987654321", null, "1122334455667", _graph.AccessToken, default);
        download.Bytes.Should().Equal(_graph.MediaBytes);
        download.MediaType.Should().Be("audio/ogg");
        var calls = _graph.Requests.Where(r => r.Method == "GET").ToList();
        calls.Select(c => c.Path).Should().Equal("/v25.0/1234567890987654321", "/media/1234567890987654321");
        calls.Should().OnlyContain(c => c.Authorization == "Bearer " + _graph.AccessToken);

        (await _client.DownloadMediaAsync("1", null, "1", "wrong-token", default)).Failure.Should().Contain("401");
    }

    /// <summary>Accepts connections and never answers.</summary>
    private sealed class SilentServer : IAsyncDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);

        public string BaseUrl => $"http://127.0.0.1:{((System.Net.IPEndPoint)_listener.LocalEndpoint).Port}";

        public static Task<SilentServer> StartAsync()
        {
            var server = new SilentServer();
            server._listener.Start();
            return Task.FromResult(server);
        }

        public ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
