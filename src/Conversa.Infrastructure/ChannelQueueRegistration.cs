using Conversa.Infrastructure.Inbox;
using Conversa.Infrastructure.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Conversa.Infrastructure;

/// <summary>Where channels plug into the inbox and the outbox.</summary>
public static class ChannelQueueRegistration
{
    /// <summary>
    /// Registers a channel's <see cref="IInboxHandler"/> as a singleton (one per <see cref="IInboxHandler.Channel"/>);
    /// it gets the item's tenant scope on every call.
    /// </summary>
    public static IServiceCollection AddInboxHandler<T>(this IServiceCollection services) where T : class, IInboxHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInboxHandler, T>());
        return services;
    }

    /// <summary>
    /// Registers a channel's <see cref="IChannelSender"/> as a singleton; senders are asked in registration order
    /// whether they take a message, and the built-in <c>log</c> sender comes last.
    /// </summary>
    public static IServiceCollection AddChannelSender<T>(this IServiceCollection services) where T : class, IChannelSender
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChannelSender, T>());
        return services;
    }
}
