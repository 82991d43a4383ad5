namespace Conversa.Benchmarks.Chat;

/// <summary>
/// The customers of the chat scenario: each turn is a random message of <see cref="ChatCorpus.Messages"/> from a
/// random contact of a pool (their conversations and contexts are reused), or, one turn in ten, from a contact never
/// seen before (created with its conversation and context on that turn). Safe to call from every load worker at once.
/// </summary>
public sealed class ChatTraffic(Booking.BookingApi.Tenant tenant, int pool, string prefix)
{
    private long _newContacts;

    public long NewContacts => Interlocked.Read(ref _newContacts);

    public HttpRequestMessage Turn()
    {
        var random = Random.Shared;
        var contact = random.Next(10) == 0
            ? $"{prefix}-new-{Interlocked.Increment(ref _newContacts)}"
            : $"{prefix}-{random.Next(pool)}";
        var message = ChatCorpus.Messages[random.Next(ChatCorpus.Messages.Length)];
        return tenant.Request(HttpMethod.Post, "/api/chat", new { message, contact_id = contact });
    }
}
