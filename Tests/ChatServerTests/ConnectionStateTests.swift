import Dialogue
import NIOCore
import Testing

@testable import ChatServer

/// The connection's state machine, without sockets: frames in, actions out.
@Suite("Connection state machine")
struct ConnectionStateTests {
    let now = ContinuousClock.now

    func line(_ text: String) -> InboundFrame { .line(ByteBuffer(string: text)) }

    func sent(_ actions: [ConnectionState.Action]) -> [String] {
        actions.compactMap { if case .send(let text) = $0 { text } else { nil } }
    }

    /// A turn is recorded before its reply is sent; /quit closes after both.
    @Test func turnsAreRecordedThenSentThenQuit() {
        var state = ConnectionState(engine: Fixture.engine, configuration: Fixture.configuration())
        let actions = state.receive(self.line("/quit"), now: self.now, today: Fixture.day)
        #expect(actions.count == 3)
        guard actions.count == 3 else { return }
        guard case .record(let userText, let reply, let seq) = actions[0] else {
            Issue.record("the first action is not a record: \(actions[0])")
            return
        }
        #expect(userText == "/quit" && reply.outcome == .smalltalk && reply.topic == nil && seq == 1)
        #expect(self.sent([actions[1]]).first?.hasSuffix("\n.\n") == true)
        #expect(actions[2] == .close(.quit))
    }

    /// Lines that are not read (empty, invalid, controls) are answered but not recorded.
    @Test func rejectedLinesAreNotRecorded() {
        var state = ConnectionState(engine: Fixture.engine, configuration: Fixture.configuration())
        for frame in [self.line(""), .line(ByteBuffer(bytes: [0xFF])), self.line("a\u{1B}b"), .tooLong(prefix: ByteBuffer())] {
            let actions = state.receive(frame, now: self.now, today: Fixture.day)
            #expect(actions.count == 1)
            #expect(self.sent(actions).count == 1)
        }
        #expect(state.lines == 4)
    }

    /// /forget asks the task to delete, and its reply carries the /forget line's seq.
    @Test func forgetIsTwoSteps() {
        var state = ConnectionState(engine: Fixture.engine, configuration: Fixture.configuration())
        _ = state.receive(self.line("/json"), now: self.now, today: Fixture.day)
        let actions = state.receive(self.line("/forget"), now: self.now, today: Fixture.day)
        #expect(actions == [.forget(.init(seq: 2, q: "/forget"))])
        let reply = state.forgotten(.init(seq: 2, q: "/forget"), count: 3, today: Fixture.day)
        #expect(reply.hasPrefix("{\"type\": \"reply\", \"seq\": 2, \"q\": \"/forget\""))
        #expect(reply.contains("3 turni"))
        let failed = state.forgotten(.init(seq: 2, q: "/forget"), count: nil, today: Fixture.day)
        #expect(failed.contains("\"reason\": \"store_unavailable\""))
    }

    /// Idle and shutdown are pushed events, without seq, followed by the close.
    @Test func pushedEvents() {
        var state = ConnectionState(engine: Fixture.engine, configuration: Fixture.configuration())
        _ = state.receive(self.line("/json"), now: self.now, today: Fixture.day)
        let idle = state.receive(.idleTimeout, now: self.now, today: Fixture.day)
        #expect(self.sent(idle).first?.hasPrefix("{\"type\": \"notice\", \"reason\": \"idle_timeout\"") == true)
        #expect(idle.last == .close(.idleTimeout))
        let shutdown = state.receive(.shutdown, now: self.now, today: Fixture.day)
        #expect(self.sent(shutdown).first?.contains("\"seq\"") == false)
        #expect(shutdown.last == .close(.shutdown))
    }

    /// The control characters do not come back in the echo.
    @Test func controlCharactersAreNotEchoed() {
        var state = ConnectionState(engine: Fixture.engine, configuration: Fixture.configuration())
        _ = state.receive(self.line("/json"), now: self.now, today: Fixture.day)
        let reply = self.sent(state.receive(self.line("a\u{9B}31mb\u{0}"), now: self.now, today: Fixture.day))
        #expect(reply.first?.contains("\"q\": \"a\u{FFFD}31mb\u{FFFD}\"") == true)
    }
}
