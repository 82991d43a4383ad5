using System.ClientModel;
using System.ClientModel.Primitives;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Persistence;
using Conversa.Infrastructure.Security;
using OpenAI;
using Microsoft.Extensions.Logging;
using OpenAI.Audio;

namespace Conversa.Infrastructure.Models;

/// <summary>
/// Speech to text for the scope's tenant through the official OpenAI SDK's <see cref="AudioClient"/>
/// (<c>POST {base_url}/audio/transcriptions</c>): the tenant's transcription model on the endpoint and key its chat
/// model uses, as <see cref="ChatModels"/> resolves them. Only the <c>openai</c> provider (OpenAI or any
/// OpenAI-compatible server) has such an API. Every transcription is metered against the tenant like a chat-model call
/// (<see cref="IModelUsageSink"/>), with the tokens the speech model reports: voice notes from every channel come here.
/// Over the month's <c>ai_tokens</c> limit the speech model is not called (<see cref="AiTokenBudget"/>).
/// </summary>
public sealed class VoiceTranscriber(
    AppDbContext db, TenantSecretStore secrets, ChatModels models, AiTokenBudget budget, IModelUsageSink usage, ILogger<VoiceTranscriber> logger)
{
    public async Task<MediaReading> TranscribeAsync(Stream audio, string fileName, CancellationToken cancellationToken)
    {
        var access = await models.AccessAsync(db, secrets, cancellationToken);
        if (access.Provider != "openai")
        {
            return MediaReading.NotConfigured(access.Provider is null or "builtin"
                ? "No speech model is configured: voice notes need an OpenAI-compatible provider (settings.ai.provider openai, or the platform's Conversa:Ai:Provider) with a transcription model."
                : $"No speech model is configured: the provider '{access.Provider}' has no speech-to-text API; voice notes need an OpenAI-compatible one.");
        }
        if (access.TranscriptionModel is not { } model)
        {
            return MediaReading.NotConfigured(
                "No speech model is configured: set settings.ai.transcription_model (or the platform's Conversa:Ai:TranscriptionModel), e.g. whisper-1.");
        }
        if (access.Unusable is { } reason)
        {
            return MediaReading.NotConfigured($"The speech model cannot be used: {reason}.");
        }
        if (await budget.CheckAsync(db, cancellationToken) is { } spent)
        {
            return MediaReading.NotConfigured($"The speech model cannot be used: the month's AI tokens ({spent.Limit}) are used up.");
        }
        var options = new OpenAIClientOptions
        {
            NetworkTimeout = models.Options.Timeout,
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, models.Options.MaxRetries)),
        };
        if (access.Endpoint is { } endpoint)
        {
            options.Endpoint = endpoint;
        }
        // A client per call is cheap: the SDK's default transport shares one HttpClient.
        var client = new AudioClient(model, new ApiKeyCredential(access.Key), options);
        try
        {
            var transcription = await client.TranscribeAudioAsync(audio, fileName, new AudioTranscriptionOptions(), cancellationToken);
            var (inputTokens, outputTokens) = TranscriptionUsage.Read(transcription.GetRawResponse().Content);
            usage.Record(db.CurrentTenantId, "openai", model, inputTokens, outputTokens);
            var text = transcription.Value.Text?.Trim();
            return string.IsNullOrEmpty(text) ? MediaReading.Failed("the speech model heard no words") : new MediaReading(text);
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = FallbackChatClient.Reason(e);
            logger.LogWarning(e, "Speech model openai/{Model} failed: {Reason}", model, failure);
            return MediaReading.Failed(failure);
        }
    }
}
