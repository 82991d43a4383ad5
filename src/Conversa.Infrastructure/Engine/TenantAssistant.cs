using Conversa.Core.Language;

namespace Conversa.Infrastructure.Engine;

/// <summary>
/// A tenant's assistant as the engine uses it: its profile, the intent classifier built for it, and the plan whose
/// monthly message limit it answers within (<see cref="MessageLimit"/>: the tenant's own <c>limits.messages</c>, if set).
/// </summary>
public sealed record TenantAssistant(AssistantProfile Profile, IntentClassifier Classifier, string Plan, long? MessageLimit);
