namespace Conversa.Core.Language;

/// <summary>How a message answers a yes/no question: not at all, yes, no, or "not sure / maybe".</summary>
public enum ConfirmationAnswer
{
    None,
    Yes,
    No,
    Unsure,
}
