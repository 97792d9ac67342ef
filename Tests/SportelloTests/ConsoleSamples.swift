/// JSON lines as the brief (docs/briefs/second-level.md) describes them, for the console tests.
enum ConsoleSamples {
    static let queueReply = """
        {"type": "reply", "seq": 3, "q": "/queue", "outcome": "smalltalk", "topic": null, "card": null, "score": 0, "lang": "it", "text": "3 ticket in coda.", "sources": [], "options": [], "tickets": [\
        {"code": "K7M-4QX", "status": "queued", "priority": "urgent", "area": "tutele", "reason": "safety", "topic": "molestie-lavoro", "lang": "it", "age_seconds": 240, "sla_minutes": 15, "sla_breached": false, "assigned_to": null}, \
        {"code": "B2T-9LZ", "status": "assigned", "priority": "high", "area": "licenziamento", "reason": "dispute", "topic": "licenziamento-maternita", "lang": "it", "age_seconds": 4320, "sla_minutes": 60, "sla_breached": true, "assigned_to": "marco"}, \
        {"code": "Q4N-7RD", "status": "queued", "priority": "normal", "area": "congedi", "reason": "operator_requested", "topic": "congedo-parentale-durata", "lang": "en", "age_seconds": 1500, "sla_minutes": 240, "sla_breached": false, "assigned_to": null}]}
        """

    static let takeReply = """
        {"type": "reply", "seq": 4, "q": "/take K7M-4QX", "outcome": "smalltalk", "lang": "it", "text": "Hai preso K7M-4QX.", "sources": [], "options": [], "ticket": \
        {"code": "K7M-4QX", "status": "assigned", "priority": "urgent", "area": "tutele", "reason": "safety", "topic": "molestie-lavoro", "card": null, "lang": "it", \
        "facts": {"role": "madre", "employer": "privato", "child_age_months": 14}, \
        "excerpt": [{"who": "user", "text": "il mio capo mi urla contro da quando sono tornata dalla maternità"}, {"who": "desk", "text": "Mi dispiace: ti passo a un operatore."}], \
        "messages": [{"author": "user", "operator": null, "text": "grazie, aspetto", "time": "2026-11-29T09:41:00Z"}, {"author": "operator", "operator": "giulia", "text": "Buongiorno, sono Giulia.", "time": "2026-11-29T09:43:30Z"}], \
        "user_connected": false}}
        """

    static let alreadyTaken = """
        {"type": "reply", "seq": 5, "q": "/take B2T-9LZ", "outcome": "fallback", "lang": "it", "text": "Il ticket B2T-9LZ è già di marco.", "sources": [], "options": [], "reason": "already_taken"}
        """

    static let loginOK = """
        {"type": "reply", "seq": 2, "q": "/login giulia s3cret-token", "outcome": "smalltalk", "lang": "it", "text": "Benvenuta, giulia.", "sources": [], "options": [], "reason": "logged_in"}
        """

    static let loginFailed = """
        {"type": "reply", "seq": 2, "q": "/login giulia nope", "outcome": "fallback", "lang": "it", "text": "Nome o token non validi.", "sources": [], "options": [], "reason": "login_failed"}
        """

    static let userLine = #"{"type": "user", "code": "K7M-4QX", "text": "c'è qualcuno?"}"#
    static let newTicket = #"{"type": "queue", "reason": "new_ticket", "code": "Z9Z-1AA", "priority": "urgent", "area": "tutele"}"#
    static let queueChanged = #"{"type": "queue", "reason": "changed", "code": "Q4N-7RD", "priority": "normal", "area": "congedi"}"#
    static let shutdown = #"{"type": "notice", "reason": "shutdown", "lang": "it", "text": "Il server si sta spegnendo."}"#
    static let flood = #"{"type": "error", "reason": "flood", "text": "Troppe righe."}"#
    static let mystery = #"{"type": "weather", "text": "sole"}"#
    static let greeting = "SPORTELLO sportello/1 ready: Sportello virtuale conciliazione vita-lavoro."
    static let full = "SPORTELLO sportello/1 error too_many_connections: Lo sportello è al completo."

    /// A reply to `q` with the outcome and reason given.
    static func reply(_ q: String, outcome: String = "smalltalk", reason: String? = nil, text: String = "ok") -> String {
        let reasonField = reason.map { #", "reason": "\#($0)""# } ?? ""
        return #"{"type": "reply", "seq": 9, "q": "\#(q)", "outcome": "\#(outcome)", "text": "\#(text)"\#(reasonField)}"#
    }
}
