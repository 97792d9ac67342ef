import Testing

@testable import sportello

/// The queue table: alignment, ages, SLA states and the urgent highlight.
@Suite("Operator console: queue table")
struct QueueTableTests {
    static func entries() throws -> [QueueEntry] {
        guard case .reply(let reply) = ConsoleEvent.parse(ConsoleSamples.queueReply), let tickets = reply.tickets else {
            throw ParseFailure()
        }
        return tickets
    }

    struct ParseFailure: Error {}

    /// Removes ANSI colour sequences.
    static func plain(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if character == "m" { inEscape = false }
            } else {
                result.append(character)
            }
        }
        return result
    }

    @Test func columnsAreAligned() throws {
        let table = QueueTable.render(try Self.entries(), style: .plain)
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)  // header, three tickets, summary
        let header = lines[0]
        #expect(header.hasPrefix("CODE"))
        // Every left-aligned column starts where its header starts.
        for column in ["PRIORITY", "STATUS", "AREA", "REASON", "LANG", "SLA", "ASSIGNED"] {
            let start = try #require(header.range(of: column)).lowerBound.utf16Offset(in: header)
            for row in lines[1...3] {
                let characters = Array(row)
                #expect(start < characters.count, "\(column) in \(row)")
                #expect(characters[start] != " ", "\(column) in \(row)")
                #expect(start == 0 || characters[start - 1] == " ", "\(column) in \(row)")
            }
        }
        // The ages are right-aligned under AGE.
        let ageEnd = try #require(header.range(of: "AGE")).upperBound.utf16Offset(in: header)
        for (row, age) in zip(lines[1...3], ["4m", "1h12m", "25m"]) {
            #expect(String(Array(row)[(ageEnd - age.count)..<ageEnd]) == age, "\(row)")
        }
        #expect(lines[1].hasPrefix("K7M-4QX  urgent"))
        #expect(lines[2].contains("BREACHED"))
        #expect(lines[2].hasSuffix("marco"))
        #expect(lines[3].contains("operator_requested"))
        #expect(lines[4] == "3 tickets, 2 waiting, 1 past the SLA")
    }

    @Test func urgentIsHighlightedOnlyWithColours() throws {
        let entries = try Self.entries()
        let coloured = QueueTable.render(entries, style: ConsoleStyle(color: true))
        #expect(coloured.contains("\u{1B}[1;31murgent\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1;31mBREACHED\u{1B}[0m"))
        #expect(!coloured.contains("\u{1B}[1;31mnormal"))
        let plain = QueueTable.render(entries, style: .plain)
        #expect(!plain.contains("\u{1B}"))
        // Colours never move a column.
        #expect(Self.plain(coloured) == plain)
    }

    @Test(arguments: [
        (0, "0s"), (45, "45s"), (60, "1m"), (240, "4m"), (3599, "59m"), (3600, "1h00m"), (3900, "1h05m"),
        (4320, "1h12m"), (86_399, "23h59m"), (183_600, "2d03h"), (-5, "0s"),
    ])
    func ages(seconds: Int, text: String) {
        #expect(AgeText.format(seconds: seconds) == text)
    }

    @Test func slaStates() {
        // 4 minutes into a 15-minute SLA: 11 minutes left.
        #expect(QueueEntry(code: "A", ageSeconds: 240, slaMinutes: 15).sla.text == "11m left")
        // Early in a long SLA: ok.
        #expect(QueueEntry(code: "A", ageSeconds: 1500, slaMinutes: 240).sla == .ok)
        // Past half of it: the time left.
        #expect(QueueEntry(code: "A", ageSeconds: 10_800, slaMinutes: 240).sla.text == "1h00m left")
        #expect(QueueEntry(code: "A", ageSeconds: 3300, slaMinutes: 60).sla.text == "5m left")
        // The server's word, or the time run out.
        #expect(QueueEntry(code: "A", ageSeconds: 10, slaMinutes: 60, slaBreached: true).sla.text == "BREACHED")
        #expect(QueueEntry(code: "A", ageSeconds: 3700, slaMinutes: 60).sla == .breached)
        // Answered in time: nothing is running any more.
        #expect(QueueEntry(code: "A", status: "answered", ageSeconds: 3700, slaMinutes: 60).sla == .ok)
        // No SLA for it.
        #expect(QueueEntry(code: "A", ageSeconds: 99_999).sla == .ok)
    }

    @Test func emptyQueue() {
        #expect(QueueTable.render([], style: .plain) == "The queue is empty.")
    }
}
