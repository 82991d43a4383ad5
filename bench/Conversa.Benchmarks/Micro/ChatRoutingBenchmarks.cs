using BenchmarkDotNet.Attributes;
using Conversa.Benchmarks.Chat;
using Conversa.Core.Conversations;
using Conversa.Core.Language;
using Conversa.Infrastructure.Engine;
using Conversa.Infrastructure.Engine.Agents;

namespace Conversa.Benchmarks.Micro;

/// <summary>
/// The in-process part of a chat turn for one message, averaged over the chat scenario's message mix: detect the
/// language, tokenize, classify the intent (a clinic's classifier, with emergency keywords) and route it.
/// </summary>
public class ChatRoutingBenchmarks
{
    /// <summary>The length of <see cref="ChatCorpus.Messages"/>: BenchmarkDotNet needs it as a constant to report per message.</summary>
    private const int MixSize = 47;

    private static readonly string[] Messages = ChatCorpus.Messages.Length == MixSize
        ? ChatCorpus.Messages
        : throw new InvalidOperationException($"ChatCorpus.Messages has {ChatCorpus.Messages.Length} messages; set MixSize to match.");

    private readonly AssistantProfile _profile = AssistantProfile.From(
        Guid.NewGuid(), "bench", "Bench Clinic", "clinic", "America/Bogota", "es", "COP", "{}");

    private readonly Dictionary<string, IAgent> _agents = new IAgent[] { new RouterAgent(), new EmergencyAgent() }
        .ToDictionary(a => a.Name, StringComparer.Ordinal);

    [Benchmark(OperationsPerInvoke = MixSize)]
    public int ClassifyAndRoute()
    {
        var routed = 0;
        foreach (var text in Messages)
        {
            var language = LanguageDetector.Detect(text, _profile.DefaultLanguage).Language;
            var tokens = TextTokenizer.Tokenize(text);
            var prediction = IntentClassifier.Default.Classify(text, tokens);
            var decision = ChatRouter.Route(ConversationAssistant.Customer, prediction, tokens, null, _profile, _agents);
            routed += decision.Agent.Length + language.Length;
        }
        return routed;
    }
}
