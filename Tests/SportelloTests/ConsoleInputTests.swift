import Testing

@testable import sportello

/// What the operator types, and what the console makes of it.
@Suite("Operator console: commands")
struct ConsoleInputTests {
    @Test(arguments: [
        ("queue", "/queue"), ("q", "/queue"), ("Q", "/queue"), ("take k7m-4qx", "/take K7M-4QX"),
        ("show B2T-9LZ", "/show B2T-9LZ"), ("release", "/release"), ("close risolto al telefono", "/close risolto al telefono"),
        ("attach congedo-parentale-durata", "/attach congedo-parentale-durata"), ("kbgap", "/kbgap"),
        ("assign K7M-4QX marco", "/assign K7M-4QX marco"), ("logout", "/logout"), ("  queue  ", "/queue"),
        ("/queue", "/queue"), ("/take K7M-4QX", "/take K7M-4QX"), ("/handback", "/handback"),
        ("say ciao", "/say ciao"),
    ])
    func commandsBecomeSlashCommands(typed: String, sent: String) {
        #expect(ConsoleInput.interpret(typed, holding: nil) == .send(sent))
        #expect(ConsoleInput.interpret(typed, holding: "K7M-4QX") == .send(sent))
    }

    @Test func plainLinesGoToTheUserOfTheHeldTicket() {
        #expect(ConsoleInput.interpret("Buongiorno, sono Giulia.", holding: "K7M-4QX") == .send("/say Buongiorno, sono Giulia."))
        // A command word whose arguments do not fit is a message too.
        #expect(ConsoleInput.interpret("take care", holding: "K7M-4QX") == .send("/say take care"))
        #expect(ConsoleInput.interpret("show me the form", holding: "K7M-4QX") == .send("/say show me the form"))
        #expect(ConsoleInput.interpret("take it", holding: "K7M-4QX") == .send("/say take it"))
        #expect(ConsoleInput.interpret("take B2T-9LZ", holding: "K7M-4QX") == .send("/take B2T-9LZ"))
        #expect(ConsoleInput.interpret("show", holding: "K7M-4QX") == .send("/show K7M-4QX"))
    }

    @Test func withoutATicketPlainLinesStayHere() {
        guard case .show(let text) = ConsoleInput.interpret("Buongiorno", holding: nil) else {
            Issue.record("sent without a ticket")
            return
        }
        #expect(text.contains("take CODE"))
        #expect(ConsoleInput.interpret("close", holding: nil) == .show("Usage: close RESOLUTION…"))
        #expect(ConsoleInput.interpret("take", holding: nil) == .show("Usage: take CODE"))
        #expect(ConsoleInput.interpret("show", holding: nil) == .show("Usage: show CODE"))
    }

    @Test func localCommands() {
        #expect(ConsoleInput.interpret("", holding: nil) == .nothing)
        #expect(ConsoleInput.interpret("   ", holding: "K7M-4QX") == .nothing)
        #expect(ConsoleInput.interpret("quit", holding: "K7M-4QX") == .quit)
        #expect(ConsoleInput.interpret("/quit", holding: nil) == .quit)
        #expect(ConsoleInput.interpret("help", holding: nil) == .show(ConsoleInput.help))
        // The console reads JSON: switching the connection back to text would blind it.
        #expect(ConsoleInput.interpret("/text", holding: nil) != .send("/text"))
    }
}
