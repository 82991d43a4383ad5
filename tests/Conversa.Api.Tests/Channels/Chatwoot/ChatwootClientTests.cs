using Conversa.Infrastructure.Channels.Chatwoot;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conversa.Api.Tests.Channels.Chatwoot;

/// <summary>The Chatwoot API client against a fake Chatwoot on loopback: paths, header and bodies as the fixtures show, and how failures are judged.</summary>
public sealed class ChatwootClientTests : IAsyncLifetime, IDisposable
{
    private FakeChatwoot _chatwoot = null!;
    private ChatwootClient _client = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task InitializeAsync()
    {
        _chatwoot = await FakeChatwoot.StartAsync();
        _client = new ChatwootClient(_http, NullLogger<ChatwootClient>.Instance);
    }

    public async Task DisposeAsync() => await _chatwoot.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private ChatwootTarget Target => new(_chatwoot.BaseUrl + "/", 7, "bot-token");

    [Fact]
    public async Task A_reply_is_posted_as_the_fixture_shows_and_returns_chatwoots_message_id()
    {
        var expected = ChatwootFixtures.Load("chatwoot_bot_reply_request.json");

        var result = await _client.SendMessageAsync(Target, "88", "Yes! It also comes in blue and green.", CancellationToken.None);

        result.Status.Should().Be(ChatwootCallStatus.Sent);
        result.ProviderId.Should().Be("90212");
        var request = _chatwoot.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/api/v1/accounts/7/conversations/88/messages");
        request.Token.Should().Be("bot-token");
        request.ContentType.Should().StartWith("application/json");
        request.Body!.ToJsonString().Should().Be(expected["body"]!.ToJsonString());
    }

    [Fact]
    public async Task A_handoff_toggles_the_status_to_open()
    {
        var expected = ChatwootFixtures.Load("chatwoot_handoff_toggle_status_request.json");

        var result = await _client.OpenConversationAsync(Target, "88", CancellationToken.None);

        result.Status.Should().Be(ChatwootCallStatus.Sent);
        result.ProviderId.Should().Be("open");
        var request = _chatwoot.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/api/v1/accounts/7/conversations/88/toggle_status");
        request.Token.Should().Be("bot-token");
        request.Body!.ToJsonString().Should().Be(expected["body"]!.ToJsonString());
    }

    [Theory]
    [InlineData(429, ChatwootCallStatus.Retry)]
    [InlineData(500, ChatwootCallStatus.Retry)]
    [InlineData(503, ChatwootCallStatus.Retry)]
    [InlineData(401, ChatwootCallStatus.Failed)]
    [InlineData(404, ChatwootCallStatus.Failed)]
    [InlineData(422, ChatwootCallStatus.Failed)]
    public async Task Rate_limits_and_server_errors_are_retried_other_refusals_are_final(int status, ChatwootCallStatus expected)
    {
        _chatwoot.FailFirst(1, status);

        var result = await _client.SendMessageAsync(Target, "88", "hola", CancellationToken.None);

        result.Status.Should().Be(expected);
        result.Error.Should().Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (status == 429)
        {
            result.RetryAfter.Should().Be(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task An_unreachable_chatwoot_is_retried()
    {
        var result = await _client.SendMessageAsync(new ChatwootTarget("http://127.0.0.1:1", 7, "t"), "88", "hola", CancellationToken.None);

        result.Status.Should().Be(ChatwootCallStatus.Retry);
    }
}
