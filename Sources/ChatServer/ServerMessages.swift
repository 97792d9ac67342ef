/// The server's own words (not the desk's answers), in Italian and English.
enum ServerMessages {
    /// The first line of a connection that is served.
    static func greeting() -> String {
        "SPORTELLO \(ServerConfiguration.protocolVersion) ready: Sportello virtuale conciliazione vita-lavoro. "
            + "Scrivi la tua domanda (/help per i comandi, /json per JSON lines). "
            + "Ask your question (/help for commands, /json for JSON lines)."
    }

    /// The only line of a connection refused because the server is full.
    static func busy() -> String {
        "SPORTELLO \(ServerConfiguration.protocolVersion) error too_many_connections: "
            + "Lo sportello è al completo, riprova fra qualche minuto. "
            + "The desk is full, please try again in a few minutes."
    }

    static func lineTooLong(_ maximum: Int, english: Bool) -> String {
        english
            ? "This message is too long (over \(maximum) bytes) and was not read: please ask in a few lines."
            : "Il messaggio è troppo lungo (oltre \(maximum) byte) e non è stato letto: scrivi la domanda in poche righe."
    }

    static func invalidUTF8(english: Bool) -> String {
        english
            ? "This line is not valid UTF-8 text, so it was not read. Please write it again."
            : "Questa riga non è testo UTF-8 valido e non è stata letta. Per favore riscrivila."
    }

    static func controlCharacters(english: Bool) -> String {
        english
            ? "This line contains control characters (such as NUL or terminal escape sequences) and was not read: please send plain text."
            : "Questa riga contiene caratteri di controllo (come NUL o sequenze di escape del terminale) e non è stata letta: scrivi solo testo."
    }

    static func rateLimited(_ perSecond: Double, english: Bool) -> String {
        let rate = perSecond == perSecond.rounded() ? String(Int(perSecond)) : String(perSecond)
        return english
            ? "Too many lines too fast (at most \(rate) a second): this line was not read, please wait a moment."
            : "Troppe righe troppo in fretta (al massimo \(rate) al secondo): questa riga non è stata letta, aspetta un momento."
    }

    static func emptyLine(english: Bool) -> String {
        english ? "Write your question, or /help for the commands." : "Scrivi la tua domanda, oppure /help per i comandi."
    }

    static func jsonMode(english: Bool) -> String {
        english
            ? "JSON mode: from now on one JSON object per line (/text to go back)."
            : "Modalità JSON: da qui in avanti un oggetto JSON per riga (/text per tornare al testo)."
    }

    static func textMode(english: Bool) -> String {
        english
            ? "Text mode: every reply ends with a line holding a single dot."
            : "Modalità testo: ogni risposta termina con una riga che contiene solo un punto."
    }

    static func serverHelp(english: Bool) -> String {
        english
            ? "On this server also: /json replies as JSON lines · /text back to text · /forget delete what this conversation stored"
            : "Su questo server anche: /json risposte in JSON · /text torna al testo · /forget cancella ciò che questa conversazione ha registrato"
    }

    static func forgotten(_ count: Int, english: Bool) -> String {
        switch (count, english) {
        case (0, false): "Non c'era nulla di registrato per questa conversazione."
        case (0, true): "Nothing was stored for this conversation."
        case (1, false): "Ho cancellato 1 turno registrato di questa conversazione."
        case (1, true): "I deleted 1 stored turn of this conversation."
        case (_, false): "Ho cancellato \(count) turni registrati di questa conversazione."
        case (_, true): "I deleted \(count) stored turns of this conversation."
        }
    }

    static func forgetFailed(english: Bool) -> String {
        english
            ? "The stored conversation could not be deleted right now: please try /forget again in a moment."
            : "Non è stato possibile cancellare la conversazione registrata: riprova /forget fra un momento."
    }

    /// A feature that arrives with a later version of the server.
    static func notAvailable(_ command: String, english: Bool) -> String {
        switch command {
        case "/ticket":
            english
                ? "Tickets are not available yet on this server, so /ticket cannot find one. Meanwhile you can use the official channels given in the answers."
                : "I ticket non sono ancora disponibili su questo server, quindi /ticket non può ritrovarne uno. Nel frattempo puoi rivolgerti ai canali ufficiali indicati nelle risposte."
        case "/feedback":
            english
                ? "Feedback is not available yet on this server: nothing was recorded."
                : "Il feedback non è ancora disponibile su questo server: non è stato registrato nulla."
        case "/operatore", "/operator":
            english
                ? "Talking to an advisor is not available yet on this server. Meanwhile you can use the official channels given in the answers."
                : "Il passaggio a un operatore non è ancora disponibile su questo server. Nel frattempo puoi rivolgerti ai canali ufficiali indicati nelle risposte."
        default:
            english
                ? "Operator commands (\(command)) are not available yet on this server."
                : "I comandi per gli operatori (\(command)) non sono ancora disponibili su questo server."
        }
    }

    static func idleTimeout(_ timeout: Duration, english: Bool) -> String {
        let seconds = Int(timeout.components.seconds)
        let span =
            seconds >= 120 && seconds % 60 == 0
            ? (english ? "\(seconds / 60) minutes" : "\(seconds / 60) minuti")
            : (english ? "\(seconds) seconds" : "\(seconds) secondi")
        return english
            ? "No message for \(span): closing the connection. Connect again to go on."
            : "Nessun messaggio da \(span): chiudo la connessione. Ricollegati per continuare."
    }

    static func shutdown(english: Bool) -> String {
        english
            ? "The server is shutting down: this conversation ends here. Please connect again in a few minutes."
            : "Il server si sta spegnendo: la conversazione termina qui. Ricollegati fra qualche minuto."
    }

    static func flood(english: Bool) -> String {
        english
            ? "Too many lines too fast: closing the connection."
            : "Troppe righe troppo in fretta: chiudo la connessione."
    }

    static func tooManyLongLines(english: Bool) -> String {
        english
            ? "Too many over-long lines: closing the connection."
            : "Troppe righe troppo lunghe: chiudo la connessione."
    }

    static func ticketUsage(english: Bool) -> String {
        english
            ? "Usage: /ticket CODE SECRET (both were given when the request was opened), or /ticket alone for the request you hold."
            : "Uso: /ticket CODICE SEGRETO (li hai ricevuti all'apertura della richiesta), oppure /ticket da solo per la richiesta che stai seguendo."
    }

    static func feedbackUsage(english: Bool) -> String {
        english
            ? "Usage: /feedback + or /feedback - and, if you like, a comment (e.g. /feedback - the amount is missing)."
            : "Uso: /feedback + oppure /feedback - e, se vuoi, un commento (es. /feedback - manca l'importo)."
    }

    static func feedbackNothing(english: Bool) -> String {
        english
            ? "There is no answer to rate yet in this conversation: /feedback rates the last answer."
            : "In questa conversazione non c'è ancora una risposta da valutare: /feedback valuta l'ultima risposta."
    }

    static func loginUsage(english: Bool) -> String {
        english ? "Usage: /login NAME TOKEN" : "Uso: /login NOME TOKEN"
    }

    static func feedbackAlreadyGiven(english: Bool) -> String {
        english
            ? "You already rated this answer: thank you. /feedback rates the desk's last answer once."
            : "Hai già valutato questa risposta: grazie. /feedback valuta una volta l'ultima risposta dello sportello."
    }
}
