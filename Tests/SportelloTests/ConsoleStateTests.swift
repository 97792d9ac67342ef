import Testing

@testable import sportello

/// The login and the held ticket, followed from the replies; tokens kept out of the output.
@Suite("Operator console: session state")
struct ConsoleStateTests {
    @Test func loginAcceptedOrRefused() {
        var state = ConsoleState()
        #expect(state.login == .pending)
        state.apply(.parse(ConsoleSamples.reply("/json")))
        #expect(state.login == .pending)
        let changed = state.apply(.parse(ConsoleSamples.loginOK))
        #expect(changed)
        #expect(state.login == .accepted)

        var refused = ConsoleState()
        refused.apply(.parse(ConsoleSamples.loginFailed))
        #expect(refused.login == .refused(reason: "login_failed", text: "Nome o token non validi."))

        var full = ConsoleState()
        full.apply(.parse(ConsoleSamples.full))
        #expect(full.login == .refused(reason: "server_refused", text: "Lo sportello è al completo."))
    }

    @Test func takeHoldsAndReleaseOrCloseLetsGo() {
        var state = ConsoleState(login: .accepted)
        let took = state.apply(.parse(ConsoleSamples.takeReply))
        #expect(took)
        #expect(state.held == "K7M-4QX")
        // Someone else has the other one: still holding the first.
        let refused = state.apply(.parse(ConsoleSamples.alreadyTaken))
        #expect(!refused)
        #expect(state.held == "K7M-4QX")
        // Events and other replies change nothing.
        state.apply(.parse(ConsoleSamples.userLine))
        state.apply(.parse(ConsoleSamples.reply("/say ciao")))
        #expect(state.held == "K7M-4QX")
        state.apply(.parse(ConsoleSamples.reply("/release")))
        #expect(state.held == nil)

        state.apply(.parse(ConsoleSamples.reply("/take q4n-7rd")))  // a reply without the ticket object
        #expect(state.held == "Q4N-7RD")
        state.apply(.parse(ConsoleSamples.reply("/close", outcome: "fallback", reason: "usage")))
        #expect(state.held == "Q4N-7RD")
        state.apply(.parse(ConsoleSamples.reply("/close risolto")))
        #expect(state.held == nil)

        state.apply(.parse(ConsoleSamples.takeReply))
        state.apply(.parse(ConsoleSamples.reply("/logout")))
        #expect(state.held == nil)
        #expect(state.login == .pending)
    }

    @Test func tokensNeverReachTheOutput() {
        var mask = SecretMask()
        mask.note(sentLine: "/login giulia s3cret-token")
        #expect(mask.apply(ConsoleSamples.loginOK).contains(#""q": "/login giulia [token]""#))
        #expect(!mask.apply(ConsoleSamples.loginOK).contains("s3cret-token"))
        #expect(mask.apply("echo s3cret-token here") == "echo [token] here")

        // A short token is masked only where it follows /login NAME (not in every word).
        var short = SecretMask()
        short.note(sentLine: "/login giulia ab")
        #expect(short.apply(#"{"q": "/login giulia ab", "text": "abbiamo"}"#) == #"{"q": "/login giulia [token]", "text": "abbiamo"}"#)

        // As it appears inside a JSON string.
        var quoted = SecretMask()
        quoted.note(sentLine: #"/login giulia to"ken\long"#)
        #expect(quoted.apply(#"{"q": "/login giulia to\"ken\\long"}"#) == #"{"q": "/login giulia [token]"}"#)

        // Lines that are not a login remember nothing.
        var none = SecretMask()
        none.note(sentLine: "/say la mia password è pippo")
        #expect(none.secrets.isEmpty)
    }
}
