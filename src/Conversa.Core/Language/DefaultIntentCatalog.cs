namespace Conversa.Core.Language;

/// <summary>
/// The builtin keyword lexicons and example utterances for Spanish, Portuguese and English. Phrases use
/// <see cref="PhraseMatcher{T}"/> syntax and are folded, so "¿cuánto cuesta?" is written "cuanto cuest*".
/// Weights: 0.9 settles an intent, 0.7 is a clear sign, 0.4–0.5 only leans (a word shared with other intents).
/// Yes and no come from <see cref="ConfirmationDetector"/>; emergencies from <see cref="EmergencyDetector"/>.
/// </summary>
internal static class DefaultIntentCatalog
{
    private const string Es = SupportedLanguages.Spanish;
    private const string Pt = SupportedLanguages.Portuguese;
    private const string En = SupportedLanguages.English;

    public static IntentCatalog Catalog { get; } = new(BuildKeywords(), BuildExamples());

    private static List<IntentKeyword> BuildKeywords()
    {
        var keywords = new List<IntentKeyword>();
        void K(string intent, double weight, string language, string phrases) =>
            keywords.AddRange(phrases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => new IntentKeyword(intent, p, weight, language)));

        K(Intents.Greeting, 0.8, Es, "hola|holi|holaa|buenos dias|buen dia|buenas tardes|buenas noches|buenas|que tal|saludos|hey");
        K(Intents.Greeting, 0.8, Pt, "oi|oie|ola|bom dia|boa tarde|boa noite|tudo bem|tudo bom|e ai|opa");
        K(Intents.Greeting, 0.8, En, "hi|hello|hey|hey there|hi there|good morning|good afternoon|good evening|howdy|greetings|hiya");

        K(Intents.Thanks, 0.9, Es, "gracias|muchas gracias|mil gracias|te lo agradezco|se lo agradezco|agradecid*|muy amable");
        K(Intents.Thanks, 0.9, Pt, "obrigad*|valeu|brigad*|agradeco|muito obrigado|muito gentil");
        K(Intents.Thanks, 0.9, En, "thanks|thank you|thx|ty|thank u|appreciate it|much appreciated|cheers");

        K(Intents.Goodbye, 0.85, Es, "adios|chao|chau|hasta luego|hasta pronto|nos vemos|hasta manana|que tenga* buen dia|hasta la proxima");
        K(Intents.Goodbye, 0.85, Pt, "tchau|ate logo|ate mais|ate amanha|ate breve|falou|fui|abracos");
        K(Intents.Goodbye, 0.85, En, "bye|goodbye|bye bye|see you|see ya|have a good day|have a nice day|talk later|take care");

        K(Intents.Price, 0.9, Es, "cuanto cuest*|cuanto vale*|cuanto sale*|cuanto cobran|cuanto es|precio*|tarifa*|costo*|coste|presupuesto|cotizacion");
        K(Intents.Price, 0.5, Es, "cuanto|valor|caro|barato|descuento*|promocion*|oferta*");
        K(Intents.Price, 0.9, Pt, "quanto custa*|quanto e|quanto fica|quanto sai|quanto cobra*|preco*|orcamento");
        K(Intents.Price, 0.5, Pt, "quanto|valor*|caro|barato|desconto*|promoca*");
        K(Intents.Price, 0.9, En, "how much|price*|pricing|cost*|fee*|quote");
        K(Intents.Price, 0.5, En, "expensive|cheap|discount*|deal*|offer*");

        K(Intents.ProductQuery, 0.4, Es, "tienen|tienes|hay");
        K(Intents.ProductQuery, 0.6, Es, "venden|vende*|catalogo|producto*|stock|modelo*|marca*|talla*|colores|existencias|hay disponible*");
        K(Intents.ProductQuery, 0.4, Pt, "voces tem|vcs tem|tem");
        K(Intents.ProductQuery, 0.6, Pt, "vendem|vende*|catalogo|produto*|estoque|modelo*|marca*|tamanho*|cores|tem disponive*");
        K(Intents.ProductQuery, 0.6, En, "do you have|do you sell|do you carry|sell|catalog*|product*|in stock|stock|models|brand*|sizes|colors");
        // What a product is like (colour, size, year, mileage, fuel) and the cheapest thing on offer are catalog questions too.
        K(Intents.ProductQuery, 0.75, Es, "que color*|que talla*|que tamano|kilometraje|de que ano|que ano tiene|combustible");
        K(Intents.ProductQuery, 0.75, Pt, "qual cor|que cor|quais cores|qual tamanho|quilometragem|de que ano|qual o ano|combustivel");
        K(Intents.ProductQuery, 0.75, En, "what color|what colour|which color*|which colour*|what size*|which size*|mileage|what year|fuel");
        K(Intents.ProductQuery, 0.9, Es, "algo barato|algo economico|lo mas barato|mas economico");
        K(Intents.ProductQuery, 0.9, Pt, "algo barato|mais barato|mais em conta|algo em conta");
        K(Intents.ProductQuery, 0.9, En, "anything cheap|something cheap|cheapest|anything affordable|something affordable");

        K(Intents.KnowledgeQuestion, 0.7, Es,
            "horario de atencion|a que hora abren|a que hora cierran|que horario tienen|donde estan|donde quedan|donde queda*|ubicacion|ubicados|" +
            "direccion|como llego|como llegar|estacionamiento|parqueadero|formas de pago|metodos de pago|aceptan tarjeta*|que es|como funciona|" +
            "duele|cuanto dura|cuanto tiempo dura|cuidados|contraindicacion*|efectos secundarios|resultados|requisitos|garantia|politica*|" +
            "preparacion|recomendaciones|necesito saber|tengo una pregunta|tengo una duda|duda*|abren|cierran|cuanto tiempo|cuantas sesiones");
        K(Intents.KnowledgeQuestion, 0.5, Es, "dura|duracion|sirve|funciona|seguro|efectos");
        K(Intents.KnowledgeQuestion, 0.7, Pt,
            "que horas abre*|que horas fecha*|horario de funcionamento|horario de atendimento|onde fica*|onde voces ficam|endereco|localizacao|como chegar|" +
            "estacionamento|formas de pagamento|aceita* cartao|o que e|como funciona|doi|quanto tempo dura|cuidados|contraindica*|efeitos colaterais|" +
            "resultado*|garantia|politica*|duvida*|tenho uma pergunta|abrem|fecham|quanto tempo|quantas sessoes");
        K(Intents.KnowledgeQuestion, 0.5, Pt, "dura|duracao|serve|funciona|seguro|efeitos");
        K(Intents.KnowledgeQuestion, 0.7, En,
            "opening hours|business hours|what time do you open|what time do you close|when do you open|where are you|located|location|address|" +
            "directions|parking|payment methods|do you accept|credit card*|what is|how does|does it hurt|how long does|side effects|aftercare|" +
            "insurance|policy|policies|i have a question|question about|results|recovery|how many sessions");
        K(Intents.KnowledgeQuestion, 0.5, En, "last|lasts|safe|works|effects");

        // "Información" alone leans: "gracias por la información" is thanks, "quiero información sobre…" a question.
        K(Intents.KnowledgeQuestion, 0.45, Es, "informacion");
        K(Intents.KnowledgeQuestion, 0.45, Pt, "informaco*|informacao");
        K(Intents.KnowledgeQuestion, 0.45, En, "information|info");

        // Business facts people ask about in every sector: policies, opening times, shipping, financing, what is included.
        K(Intents.KnowledgeQuestion, 0.95, Es, "politica* de cancelacion|politica* de devolucion*|politica* de cambio*|politica* de reembolso");
        K(Intents.KnowledgeQuestion, 0.95, Pt, "politica* de cancelamento|politica* de troca*|politica* de devoluca*|politica* de reembolso");
        K(Intents.KnowledgeQuestion, 0.95, En, "cancellation policy|return policy|returns policy|refund policy|exchange policy");
        K(Intents.KnowledgeQuestion, 0.9, Es, "horario de atencion|horario de funcionamiento|horarios de atencion|estan abiertos|abren hoy|abren los|abren el");
        K(Intents.KnowledgeQuestion, 0.9, Pt, "horario de funcionamento|horario de atendimento|esta aberto|estao abertos|abre hoje|abrem no|abrem aos|abre no|abre aos");
        K(Intents.KnowledgeQuestion, 0.9, En, "opening hours|store hours|business hours|are you open|open on|open today|open tomorrow");
        K(Intents.KnowledgeQuestion, 0.8, Es, "envio*|despacho*|domicilio*|financiacion|financian|financiamiento|a plazos|cuotas|que incluye|que incluyen|menores de edad|menor de edad");
        K(Intents.KnowledgeQuestion, 0.8, Pt, "frete|envio*|entrega*|financiamento|financiam|financia|parcela*|parcelar|o que inclui|inclui|menor de idade|menores de idade");
        K(Intents.KnowledgeQuestion, 0.8, En, "shipping|ship|delivery|deliver|financing|finance|installments|monthly payments|include|includes|included|minors");

        K(Intents.Availability, 0.8, Es,
            "disponibilidad|horario* disponible*|hay hueco*|tienen hueco*|hay espacio|tienen espacio|tienen cupo*|hay cupo*|turno* disponible*|" +
            "que dias tienen|que horarios tienen|que horas tienen|agenda libre|hay citas|tienen citas|cuando hay|cuando tienen|esta libre|estan libres|" +
            "pueden atender*|me atienden|atienden|tienen algo|hay algo|hay lugar|tienen lugar");
        K(Intents.Availability, 0.5, Es, "disponible*|libre*|hueco*|cupo*");
        K(Intents.Availability, 0.8, Pt,
            "disponibilidade|tem vaga*|tem horario*|horario* livre*|horario* disponive*|quais horarios|que dias voces tem|agenda livre|quando tem|" +
            "tem disponibilidade|esta livre|pode* me atender|voces atendem|atendem|tem algo|tem lugar");
        K(Intents.Availability, 0.5, Pt, "disponive*|livre*|vaga*");
        K(Intents.Availability, 0.8, En,
            "availability|available slot*|free slot*|any slot*|openings|any opening*|when can i come|when are you free|what times do you have|" +
            "do you have time|are you available|free time|next available|can you see me|can i come|anything available|have anything");
        K(Intents.Availability, 0.5, En, "available|free|slot*|opening");

        K(Intents.Booking, 0.85, Es,
            "agendar|agendame|reservar|hacer una reserva|pedir cita|pedir una cita|sacar cita|sacar una cita|quiero una cita|quisiera una cita|" +
            "hacer una cita|programar una cita|apartar|sacar turno|pedir turno|quiero un turno|separar una cita|agenda* una cita|reserva* una cita|" +
            "me gustaria agendar|quiero agendar");
        K(Intents.Booking, 0.45, Es, "cita|turno|reserva");
        K(Intents.Booking, 0.85, Pt,
            "agendar|marcar|marca uma|quero marcar|quero agendar|gostaria de marcar|gostaria de agendar|marcar consulta|marcar uma consulta|" +
            "marcar horario|reservar|fazer uma reserva|agendamento");
        K(Intents.Booking, 0.45, Pt, "consulta|horario");
        K(Intents.Booking, 0.85, En,
            "book|book an appointment|make an appointment|schedule an appointment|set up an appointment|i want to book|" +
            "id like to book|reserve|make a reservation|get an appointment");
        K(Intents.Booking, 0.45, En, "appointment|reservation|booking");

        K(Intents.Cancel, 0.9, Es, "cancel*|anular|anula*|ya no voy|no voy a poder ir|no podre ir|no puedo ir|no voy a ir|dar de baja");
        K(Intents.Cancel, 0.9, Pt, "cancel*|desmarcar|desmarca*|nao vou poder ir|nao vou mais|nao posso ir|nao vou conseguir ir");
        K(Intents.Cancel, 0.9, En, "cancel*|call off|cant make it|cannot make it|wont make it|not coming|wont be able to come");

        K(Intents.Reschedule, 0.9, Es,
            "reprogram*|cambiar* cita|cambiar* la cita|cambiar* hora*|cambiar* fecha|cambiar* dia|cambiar* turno|mover* cita|mover* la cita|" +
            "posponer|pospon*|aplazar|pasar la cita|correr la cita|otro dia|otra hora|otro horario|cambio de cita|cambio de hora");
        K(Intents.Reschedule, 0.9, Pt,
            "remarcar|reagendar|reagenda*|mudar* horario|mudar* data|mudar* dia|mudar* consulta|trocar* horario|trocar* data|trocar* dia|adiar|" +
            "outro dia|outro horario|mudar a consulta");
        K(Intents.Reschedule, 0.9, En,
            "reschedul*|change my appointment|change the appointment|change the time|change the date|move my appointment|move the appointment|" +
            "another day|another time|different time|different day|postpone|push back");

        K(Intents.Handoff, 0.9, Es,
            "hablar con una persona|hablar con alguien|hablar con un humano|persona real|un humano|humano|asesor*|agente|operador*|recepcionista|" +
            "que me llamen|llamenme|atencion al cliente|hablar con el doctor|hablar con la doctora|hablar con un asesor|encargad*|gerente");
        K(Intents.Handoff, 0.9, Pt,
            "falar com* atendente|atendente|pessoa real|humano|falar com alguem|falar com uma pessoa|me liga*|me ligue*|atendimento humano|" +
            "falar com o doutor|falar com a doutora|gerente|responsavel");
        K(Intents.Handoff, 0.9, En,
            "talk to a human|speak to a human|human|real person|representative|agent|speak to someone|talk to someone|customer service|operator|" +
            "call me|speak with someone|talk to a person|manager|receptionist");

        K(Intents.PersonalAgenda, 0.85, Es,
            "que tengo hoy|que tengo manana|que tengo para|mi agenda|mis citas|mis reuniones|reunion*|que hay en mi agenda|mi calendario|agenda de hoy|" +
            "agenda de manana|conflicto*|cruce de horario");
        K(Intents.PersonalAgenda, 0.85, Pt,
            "o que tenho|que tenho hoje|que tenho amanha|minha agenda|meus compromissos|compromisso*|reunio*|meu calendario|agenda de hoje");
        K(Intents.PersonalAgenda, 0.85, En,
            "what do i have|whats on my|my agenda|my schedule|my calendar|my appointments|meeting*|agenda for|am i free|conflict*");

        K(Intents.Task, 0.85, Es,
            "tarea*|pendiente*|recuerdame|recordarme|recordatorio|anota*|apunta*|por hacer|crear una tarea|nueva tarea");
        K(Intents.Task, 0.85, Pt,
            "tarefa*|pendencia*|lembre me|me lembre|me lembra|lembrete|anota*|a fazer|criar tarefa|nova tarefa|preciso lembrar");
        K(Intents.Task, 0.85, En,
            "task*|to do|remind me|reminder|add a task|new task|pending|overdue|i need to remember|dont let me forget");

        return keywords;
    }

    private static List<IntentExample> BuildExamples()
    {
        var examples = new List<IntentExample>();
        void E(string intent, string language, string texts) =>
            examples.AddRange(texts.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(t => new IntentExample(intent, t, language)));

        E(Intents.Greeting, Es, "hola|hola buenas|buenos días|buenas tardes|hola, qué tal|hola buen día");
        E(Intents.Greeting, Pt, "oi|olá|oi, tudo bem?|bom dia|boa tarde|olá, boa noite");
        E(Intents.Greeting, En, "hi|hello|hi there|good morning|hey, how are you?|hello, good afternoon");

        E(Intents.Thanks, Es, "gracias|muchas gracias|mil gracias por la ayuda|te lo agradezco mucho");
        E(Intents.Thanks, Pt, "obrigado|obrigada pela ajuda|muito obrigado|valeu");
        E(Intents.Thanks, En, "thanks|thank you so much|thanks for your help|appreciate it");

        E(Intents.Goodbye, Es, "adiós|hasta luego|nos vemos|chao, que tengas buen día");
        E(Intents.Goodbye, Pt, "tchau|até logo|até mais|falou, até amanhã");
        E(Intents.Goodbye, En, "bye|goodbye|see you later|have a nice day, bye");

        E(Intents.Price, Es, "¿cuánto cuesta el botox?|qué precio tiene la limpieza facial|cuánto vale una sesión|me pasas precios|" +
            "cuál es el costo de la consulta|cuánto me sale el tratamiento|tienen alguna promoción");
        E(Intents.Price, Pt, "quanto custa o botox?|qual o preço da limpeza de pele|quanto fica a sessão|qual o valor da consulta|" +
            "me passa os preços|tem alguma promoção");
        E(Intents.Price, En, "how much is botox?|what's the price of a facial|how much does a session cost|what do you charge for a consultation|" +
            "can you send me your prices|is there any discount");

        E(Intents.ProductQuery, Es, "qué productos tienen|tienen protector solar|venden cremas|me muestras el catálogo|tienen en stock la talla M|" +
            "qué tratamientos ofrecen|qué servicios tienen|qué modelos tienen disponibles");
        E(Intents.ProductQuery, Pt, "quais produtos vocês têm|vocês vendem protetor solar|tem creme para o rosto|me manda o catálogo|" +
            "quais tratamentos vocês fazem|quais serviços vocês oferecem|tem em estoque");
        E(Intents.ProductQuery, En, "what products do you have|do you sell sunscreen|do you have face cream|can I see the catalog|" +
            "what treatments do you offer|what services do you have|is it in stock");

        E(Intents.KnowledgeQuestion, Es, "¿a qué hora abren?|¿dónde están ubicados?|¿aceptan tarjeta de crédito?|¿el tratamiento duele?|" +
            "¿cuánto dura la sesión?|¿el botox dura 6 meses?|¿cuántas sesiones necesito?|¿qué cuidados debo tener después?|¿tienen estacionamiento?|¿cómo funciona la depilación láser?|" +
            "quisiera información sobre el tratamiento|tengo una duda sobre el procedimiento|¿cuál es la política de cancelación?|¿cuál es su política de devoluciones?");
        E(Intents.KnowledgeQuestion, Pt, "que horas vocês abrem?|onde fica a clínica?|aceitam cartão?|o tratamento dói?|quanto tempo dura a sessão?|" +
            "quais os cuidados depois?|tem estacionamento?|como funciona a depilação a laser?|gostaria de informações sobre o tratamento|qual é a política de cancelamento?");
        E(Intents.KnowledgeQuestion, En, "what time do you open?|where are you located?|do you accept credit cards?|does the treatment hurt?|" +
            "how long does a session take?|what aftercare do I need?|is there parking?|how does laser hair removal work?|" +
            "I'd like some information about the treatment|what is your cancellation policy?|what's your return policy?");

        E(Intents.Availability, Es, "¿tienen disponibilidad mañana?|¿tienen algo mañana a las 3?|¿hay lugar el lunes por la tarde?|¿qué horarios tienen libres?|¿hay hueco el viernes?|¿cuándo tienen cita disponible?|" +
            "¿tienen espacio esta semana?|¿qué días atienden?|¿me pueden atender hoy?");
        E(Intents.Availability, Pt, "tem horário amanhã?|tem algo amanhã às 15h?|quais horários vocês têm livres?|tem vaga na sexta?|quando tem disponibilidade?|" +
            "tem horário essa semana?");
        E(Intents.Availability, En, "do you have availability tomorrow?|do you have anything tomorrow at 3?|what times are free?|any openings on Friday?|when is the next available slot?|" +
            "are you free this week?|do you have anything on Friday?|can you see me today?");

        E(Intents.Booking, Es, "quiero agendar una cita|quisiera reservar para una limpieza facial|me gustaría pedir una cita|quiero sacar turno|" +
            "agéndame para mañana a las 3|quiero reservar botox");
        E(Intents.Booking, Pt, "quero marcar uma consulta|gostaria de agendar uma limpeza de pele|quero agendar para amanhã|pode marcar para sexta?|" +
            "quero reservar um horário");
        E(Intents.Booking, En, "I want to book an appointment|I'd like to schedule a facial|can I make an appointment for tomorrow|book me in for Friday|" +
            "I want to reserve a slot");

        E(Intents.Cancel, Es, "quiero cancelar mi cita|necesito cancelar la reserva|ya no voy a poder ir|cancela mi turno por favor|anular la cita de mañana");
        E(Intents.Cancel, Pt, "quero cancelar minha consulta|preciso desmarcar|não vou poder ir|cancela meu horário por favor");
        E(Intents.Cancel, En, "I want to cancel my appointment|please cancel my booking|I can't make it, cancel it|cancel tomorrow's appointment");

        E(Intents.Reschedule, Es, "quiero cambiar mi cita|¿puedo mover la cita al jueves?|necesito reprogramar|¿me la pasas para otro día?|cambiar la hora de mi turno");
        E(Intents.Reschedule, Pt, "quero remarcar minha consulta|posso mudar o horário?|preciso reagendar|dá para trocar para outro dia?");
        E(Intents.Reschedule, En, "I need to reschedule|can I move my appointment to Thursday?|change my appointment to another day|can we do a different time?");

        E(Intents.Handoff, Es, "quiero hablar con una persona|¿me pasas con un asesor?|necesito hablar con alguien real|que me llame alguien por favor");
        E(Intents.Handoff, Pt, "quero falar com um atendente|posso falar com uma pessoa?|me passa para um humano|alguém pode me ligar?");
        E(Intents.Handoff, En, "I want to talk to a human|can I speak to a real person?|connect me with an agent|can someone call me?");

        E(Intents.PersonalAgenda, Es, "¿qué tengo mañana?|¿qué hay en mi agenda hoy?|muéstrame mis reuniones de la semana|¿tengo algo el viernes?");
        E(Intents.PersonalAgenda, Pt, "o que eu tenho amanhã?|como está minha agenda hoje?|quais são meus compromissos da semana?");
        E(Intents.PersonalAgenda, En, "what do I have tomorrow?|what's on my agenda today?|show me my meetings this week|am I free on Friday?");

        E(Intents.Task, Es, "recuérdame llamar al proveedor|crea una tarea para revisar el inventario|¿qué tareas tengo pendientes?|anota comprar insumos");
        E(Intents.Task, Pt, "me lembre de ligar para o fornecedor|cria uma tarefa para revisar o estoque|quais tarefas estão pendentes?");
        E(Intents.Task, En, "remind me to call the supplier|add a task to review the inventory|what tasks are pending?|what's overdue?");

        return examples;
    }
}
