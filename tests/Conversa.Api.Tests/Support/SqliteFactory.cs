namespace Conversa.Api.Tests.Support;

public class SqliteFactory : ConversaFactory
{
    public override string Kind => "sqlite";

    protected override IReadOnlyDictionary<string, string?> DatabaseSettings { get; } =
        new Dictionary<string, string?> { ["Conversa:Database"] = "sqlite" };
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "sqlite";
}
