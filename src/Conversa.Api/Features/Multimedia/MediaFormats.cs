using Microsoft.Net.Http.Headers;

namespace Conversa.Api.Features.Multimedia;

/// <summary>A file's media type and the extension providers read its format from.</summary>
public sealed record MediaFormat(string MediaType, string Extension);

/// <summary>
/// The audio formats speech-to-text APIs take and the image formats vision models take. A part sent as
/// <c>application/octet-stream</c> (or with no type) is recognised by its file name's extension, as many upload
/// tools send files that way.
/// </summary>
public sealed record MediaFormats(IReadOnlyDictionary<string, string> ByType, IReadOnlyDictionary<string, string> ByExtension)
{
    public static readonly MediaFormats Audio = new(
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["audio/mpeg"] = "mp3", ["audio/mp3"] = "mp3", ["audio/mpga"] = "mp3",
            ["audio/mp4"] = "m4a", ["audio/m4a"] = "m4a", ["audio/x-m4a"] = "m4a", ["video/mp4"] = "mp4",
            ["audio/wav"] = "wav", ["audio/x-wav"] = "wav", ["audio/wave"] = "wav",
            ["audio/webm"] = "webm", ["video/webm"] = "webm",
            ["audio/ogg"] = "ogg", ["audio/opus"] = "ogg", ["application/ogg"] = "ogg",
            ["audio/flac"] = "flac", ["audio/x-flac"] = "flac",
        },
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["mp3"] = "audio/mpeg", ["mpga"] = "audio/mpeg", ["mpeg"] = "audio/mpeg", ["m4a"] = "audio/mp4", ["mp4"] = "video/mp4",
            ["wav"] = "audio/wav", ["webm"] = "audio/webm", ["ogg"] = "audio/ogg", ["oga"] = "audio/ogg", ["opus"] = "audio/ogg",
            ["flac"] = "audio/flac",
        });

    public static readonly MediaFormats Image = new(
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["image/png"] = "png", ["image/jpeg"] = "jpg", ["image/webp"] = "webp", ["image/gif"] = "gif",
        },
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["png"] = "image/png", ["jpg"] = "image/jpeg", ["jpeg"] = "image/jpeg", ["webp"] = "image/webp", ["gif"] = "image/gif",
        });

    /// <summary>What the kinds are called in problems: "mp3, m4a, mp4, …".</summary>
    public string Names => string.Join(", ", ByType.Values.Distinct());

    public MediaFormat? Of(IFormFile file)
    {
        var declared = MediaTypeHeaderValue.TryParse(file.ContentType, out var header) ? header.MediaType.ToString() : null;
        if (declared is not null && ByType.TryGetValue(declared, out var extension))
        {
            return new MediaFormat(declared.ToLowerInvariant(), extension);
        }
        if (declared is not (null or "application/octet-stream"))
        {
            return null;
        }
        var named = Path.GetExtension(file.FileName).TrimStart('.');
        return ByExtension.TryGetValue(named, out var mediaType) ? new MediaFormat(mediaType, ByType[mediaType]) : null;
    }
}
