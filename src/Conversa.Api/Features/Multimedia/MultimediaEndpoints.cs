using System.Text.Json.Nodes;
using Conversa.Api.Features.Chat;
using Conversa.Api.Hosting;
using Conversa.Api.Tenancy;
using Conversa.Core.Conversations;
using Conversa.Infrastructure.Billing.Usage;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Models;
using Microsoft.Net.Http.Headers;

namespace Conversa.Api.Features.Multimedia;

/// <summary>
/// Voice notes and images for the tenant's assistant: <c>POST /api/multimedia/voice</c> (multipart <c>audio</c> +
/// <c>contact_id</c>) is transcribed by the tenant's speech model (<see cref="VoiceTranscriber"/>) and
/// <c>POST /api/multimedia/image</c> (multipart <c>image</c> + <c>message?</c> + <c>contact_id?</c>) is described by
/// its chat model (<see cref="ImageDescriber"/>); the text then goes through <see cref="ChatEngine"/> like a
/// <c>POST /api/chat</c> message from the same contact. Without a model for it: 422 saying so. Over the month's
/// messages the media is not read at all (the engine stores and refuses a placeholder: 429 like <c>/api/chat</c>); over
/// the month's <c>ai_tokens</c> no model is called: 429 naming that limit.
/// </summary>
public static class MultimediaEndpoints
{
    public static void MapMultimediaEndpoints(this IEndpointRouteBuilder app)
    {
        var multimedia = app.MapGroup("/api/multimedia").RequireTenant().WithTags("Chat");
        multimedia.MapPost("/voice", Voice).Accepts<IFormFile>("multipart/form-data").Produces<VoiceView>();
        multimedia.MapPost("/image", Image).Accepts<IFormFile>("multipart/form-data").Produces<ImageView>();
    }

    private static async Task<IResult> Voice(
        HttpRequest request, ChatKeys keys, ChatEngine engine, VoiceTranscriber transcriber, MediaLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadFormAsync(request, "audio", cancellationToken);
        if (form is null)
        {
            return problem!;
        }
        var errors = new ValidationErrors();
        var contactId = Field(form, "contact_id", 196, errors);
        var (audio, format, fileProblem) = File(form, "audio", MediaFormats.Audio, errors);
        if (fileProblem is not null || errors.Any)
        {
            return fileProblem ?? Problems.Validation(errors.ToDictionary());
        }
        var media = new JsonObject { ["media"] = "voice", ["media_type"] = format!.MediaType };
        if (await limits.RefusalAsync(cancellationToken) is { } limit)
        {
            return await RefusedAsync(limit, "[voice]", keys, engine, contactId, media, time, request.HttpContext, cancellationToken);
        }
        await using var stream = audio!.OpenReadStream();
        var transcript = await transcriber.TranscribeAsync(stream, "voice." + format.Extension, cancellationToken);
        if (Unreadable(transcript, "speech") is { } unreadable)
        {
            return unreadable;
        }
        var (turn, contact) = await AnswerAsync(keys, engine, contactId, transcript.Text!, media, cancellationToken);
        return turn is null ? Problems.NotFound("No such contact.")
            : turn.OverQuota is { } refusal ? QuotaProblem.For(refusal, time, request.HttpContext)
            : TypedResults.Ok(new VoiceView(transcript.Text!, turn.Reply, turn.ConversationId, contact!.Value, turn.Agent, turn.Intent, turn.Handoff));
    }

    private static async Task<IResult> Image(
        HttpRequest request, ChatKeys keys, ChatEngine engine, ImageDescriber describer, MediaLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var (form, problem) = await ReadFormAsync(request, "image", cancellationToken);
        if (form is null)
        {
            return problem!;
        }
        var errors = new ValidationErrors();
        var contactId = Field(form, "contact_id", 196, errors);
        var caption = Field(form, "message", ChatRequest.MaxMessageLength, errors);
        var (image, format, fileProblem) = File(form, "image", MediaFormats.Image, errors);
        if (fileProblem is not null || errors.Any)
        {
            return fileProblem ?? Problems.Validation(errors.ToDictionary());
        }
        if (await limits.RefusalAsync(cancellationToken) is { } limit)
        {
            var placeholder = caption is null ? "[image]" : $"[image] {caption}";
            return await RefusedAsync(limit, placeholder, keys, engine, contactId,
                new JsonObject { ["media"] = "image", ["media_type"] = format!.MediaType }, time, request.HttpContext, cancellationToken);
        }
        var bytes = new byte[image!.Length];
        await using (var stream = image.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }
        var description = await describer.DescribeAsync(bytes, format!.MediaType, caption, cancellationToken);
        if (Unreadable(description, "vision") is { } unreadable)
        {
            return unreadable;
        }
        // The assistant answers what the customer wrote together with what the picture shows.
        var text = caption is null ? description.Text! : $"{caption}\n\n{description.Text}";
        var metadata = new JsonObject { ["media"] = "image", ["media_type"] = format.MediaType, ["description"] = description.Text };
        var (turn, contact) = await AnswerAsync(keys, engine, contactId, text, metadata, cancellationToken);
        return turn is null ? Problems.NotFound("No such contact.")
            : turn.OverQuota is { } refusal ? QuotaProblem.For(refusal, time, request.HttpContext)
            : TypedResults.Ok(new ImageView(description.Text!, turn.Reply, turn.ConversationId, contact!.Value, turn.Agent, turn.Intent, turn.Handoff));
    }

    /// <summary>
    /// Media not read because of a monthly limit: over the messages, the engine stores a placeholder and refuses it like
    /// any message over the limit (staff told once); over the AI tokens, 429 at once.
    /// </summary>
    private static async Task<IResult> RefusedAsync(MediaRefusal limit, string placeholder, ChatKeys keys, ChatEngine engine, string? contactId,
        JsonObject metadata, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (limit.OverTokens is { } spent)
        {
            return QuotaProblem.For(spent, time, http);
        }
        var (turn, _) = await AnswerAsync(keys, engine, contactId, placeholder, metadata, cancellationToken);
        return turn is null ? Problems.NotFound("No such contact.")
            : turn.OverQuota is { } refusal ? QuotaProblem.For(refusal, time, http)
            : Problems.Status(StatusCodes.Status409Conflict, "Conflict", "The month's message limit changed while the media was sent; send it again.", "conflict");
    }

    private static async Task<(ChatTurn? Turn, Guid? ContactId)> AnswerAsync(
        ChatKeys keys, ChatEngine engine, string? contactId, string text, JsonObject metadata, CancellationToken cancellationToken)
    {
        if (await keys.ContactAsync(contactId, cancellationToken) is not { } contact)
        {
            return (null, null);
        }
        var turn = await engine.HandleAsync(new IncomingMessage(new(contact, ConversationChannel.Api), text, Metadata: metadata), cancellationToken);
        return (turn, contact);
    }

    private static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpRequest request, string part, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"Send multipart/form-data with the file as the '{part}' part.", "unsupported-media-type"));
        }
        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (InvalidDataException e)
        {
            return (null, Problems.BadRequest($"The multipart body could not be read: {e.Message}"));
        }
    }

    private static (IFormFile? File, MediaFormat? Format, IResult? Problem) File(IFormCollection form, string part, MediaFormats formats, ValidationErrors errors)
    {
        if (form.Files.GetFile(part) is not { } file)
        {
            errors.Add(part, $"{part} is required: the file as a multipart part named '{part}'.");
            return (null, null, null);
        }
        if (formats.Of(file) is not { } format)
        {
            return (null, null, Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"{part} must be one of {formats.Names} (it was {(string.IsNullOrEmpty(file.ContentType) ? "untyped" : file.ContentType)}).", "unsupported-media-type"));
        }
        errors.When(file.Length == 0, part, $"{part} is empty.");
        return (file, format, null);
    }

    private static string? Field(IFormCollection form, string name, int maxLength, ValidationErrors errors)
    {
        var value = form[name].ToString().Trim();
        errors.When(value.Length > maxLength, name, $"{name} is at most {maxLength} characters.");
        return value.Length == 0 ? null : value;
    }

    /// <summary>422 when no model can read this kind of media for the tenant, 502 when the model failed; null when there is text.</summary>
    private static IResult? Unreadable(MediaReading reading, string kind) =>
        reading.Unavailable is { } unavailable ? Problems.Unprocessable(unavailable)
        : reading.Failure is { } failure ? Problems.Status(StatusCodes.Status502BadGateway, "Bad gateway", $"The {kind} model failed: {failure}.", "model-failed")
        : null;
}
