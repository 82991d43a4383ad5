using Conversa.Core.Language;

namespace Conversa.Core.Tests.Language;

public sealed class ConfirmationDetectorTests
{
    [Theory]
    [InlineData("sí")]
    [InlineData("Si")]
    [InlineData("SI!")]
    [InlineData("si, perfecto")]
    [InlineData("sí por favor")]
    [InlineData("dale")]
    [InlineData("perfecto")]
    [InlineData("perfecta, gracias")]
    [InlineData("claro")]
    [InlineData("claro que sí")]
    [InlineData("de acuerdo")]
    [InlineData("vale")]
    [InlineData("listo")]
    [InlineData("ok")]
    [InlineData("okey")]
    [InlineData("confirmo")]
    [InlineData("está bien")]
    [InlineData("me parece perfecto")]
    [InlineData("no hay problema")]
    [InlineData("bueno, sí")]
    [InlineData("creo que sí")]
    [InlineData("sim")]
    [InlineData("pode ser")]
    [InlineData("sim, pode marcar")]
    [InlineData("isso mesmo")]
    [InlineData("com certeza")]
    [InlineData("tá bom")]
    [InlineData("beleza")]
    [InlineData("yes")]
    [InlineData("Yeah")]
    [InlineData("yep")]
    [InlineData("sure")]
    [InlineData("sounds good")]
    [InlineData("of course")]
    [InlineData("OK!")]
    [InlineData("👍")]
    [InlineData("👍🏻")]
    public void Yes(string text) => ConfirmationDetector.Detect(text).Should().Be(ConfirmationAnswer.Yes);

    [Theory]
    [InlineData("no")]
    [InlineData("No.")]
    [InlineData("no, gracias")]
    [InlineData("no, mejor el martes")]
    [InlineData("nop")]
    [InlineData("para nada")]
    [InlineData("claro que no")]
    [InlineData("ok, no gracias")]
    [InlineData("creo que no")]
    [InlineData("não")]
    [InlineData("nao")]
    [InlineData("não, obrigado")]
    [InlineData("de jeito nenhum")]
    [InlineData("nope")]
    [InlineData("nah")]
    [InlineData("no thanks")]
    [InlineData("not really")]
    [InlineData("👎")]
    public void No(string text) => ConfirmationDetector.Detect(text).Should().Be(ConfirmationAnswer.No);

    [Theory]
    [InlineData("no sé")]
    [InlineData("no lo sé todavía")]
    [InlineData("tal vez")]
    [InlineData("quizás")]
    [InlineData("no estoy segura")]
    [InlineData("não sei")]
    [InlineData("talvez")]
    [InlineData("maybe")]
    [InlineData("not sure")]
    [InlineData("I don't know")]
    public void Unsure(string text) => ConfirmationDetector.Detect(text).Should().Be(ConfirmationAnswer.Unsure);

    [Theory]
    [InlineData("si tienen mañana a las 3 me avisan")]
    [InlineData("pode me dizer o preço?")]
    [InlineData("isso é caro?")]
    [InlineData("quiero botox")]
    [InlineData("¿cuánto cuesta?")]
    [InlineData("hola")]
    [InlineData("nosotros queremos ir el lunes")]
    [InlineData("quiero una cita, no tengo preferencia de hora pero sí de doctora")]
    [InlineData("")]
    public void Not_an_answer(string text) => ConfirmationDetector.Detect(text).Should().Be(ConfirmationAnswer.None);

    [Fact]
    public void Lexicons_are_published_for_sector_templates_to_build_on()
    {
        ConfirmationDetector.YesPhrases.Should().Contain(["dale", "sim", "yes"]);
        ConfirmationDetector.NoPhrases.Should().Contain(["no", "nao", "nope"]);
        ConfirmationDetector.UnsurePhrases.Should().Contain("maybe");
    }
}
