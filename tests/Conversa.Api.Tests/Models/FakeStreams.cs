using Microsoft.AspNetCore.Http;

namespace Conversa.Api.Tests.Models;

/// <summary>What the fake model servers share for holding a streamed answer mid-way.</summary>
public static class FakeStreams
{
    /// <summary>Waits for <paramref name="gate"/> (if any); false, with <paramref name="abandoned"/> completed, when the caller hung up first.</summary>
    public static async Task<bool> HoldAsync(TaskCompletionSource? gate, TaskCompletionSource abandoned, CancellationToken requestAborted)
    {
        if (gate is null)
        {
            return true;
        }
        try
        {
            await gate.Task.WaitAsync(requestAborted);
            return true;
        }
        catch (OperationCanceledException) when (requestAborted.IsCancellationRequested)
        {
            abandoned.TrySetResult();
            return false;
        }
    }

    /// <summary>
    /// Drops the connection mid-answer. An abort resets it, and a reset throws away what the kernel has not sent yet,
    /// so the words written so far are given a moment to reach the caller first.
    /// </summary>
    public static async Task BreakAsync(HttpContext context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        context.Abort();
    }
}
