using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine;

/// <summary>A tenant's assistant as the engine uses it: its profile and the intent classifier built for it.</summary>
public sealed record TenantAssistant(AssistantProfile Profile, IntentClassifier Classifier);
