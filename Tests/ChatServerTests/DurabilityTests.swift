import Desk
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A ticket acknowledged to its user survives `kill -9` of the server: 1,000 tickets are
/// opened by concurrent users while the server process is killed with SIGKILL at a random
/// moment; after a restart on the same database, every acknowledged ticket is there, once,
/// with its secret, and the rest are opened on the new process.
extension ExecutableTests {
    /// The codes and secrets the users were told, from every client task.
    actor Acknowledged {
        var tickets: [(code: String, secret: String)] = []
        var failures = 0
        var unexpected: [String] = []
        func odd(_ line: String) { self.unexpected.append(line) }
        func add(_ code: String, _ secret: String) { self.tickets.append((code, secret)) }
        func failed() { self.failures += 1 }
        var count: Int { self.tickets.count }
    }

    @Test(.timeLimit(.minutes(3)))
    func ticketsSurviveSIGKILL() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("desk.sqlite").path
        let acknowledged = Acknowledged()
        let total = 1000
        let killAt = Int.random(in: 150...850)

        // First life: users open tickets until the server is killed mid-flight.
        let first = try await Self.startServer(database: database)
        defer { if first.process.isRunning { kill(first.process.processIdentifier, SIGKILL) } }
        try await Self.openTickets(port: first.port, until: total, acknowledged: acknowledged) { count in
            if count >= killAt && first.process.isRunning {
                kill(first.process.processIdentifier, SIGKILL)
            }
        }
        _ = try await Self.exitStatus(first.process)
        #expect(first.process.terminationReason == .uncaughtSignal)
        let beforeKill = await acknowledged.count
        #expect(beforeKill >= killAt && beforeKill < total, "killed after \(beforeKill) tickets (aimed at \(killAt))")

        // Second life: the same database; the remaining tickets.
        let second = try await Self.startServer(database: database)
        defer { if second.process.isRunning { second.process.terminate() } }
        try await Self.openTickets(port: second.port, until: total, acknowledged: acknowledged) { _ in }
        let tickets = await acknowledged.tickets
        #expect(tickets.count >= total)

        // A user of the first life comes back through the new process.
        if let sample = tickets.first {
            try await withClient(second.port) { reader, writer in
                _ = try await reader.greeting()
                try await writer.send("/json")
                _ = try await reader.json()
                try await writer.send("/ticket \(sample.code) \(sample.secret)")
                #expect(try await reader.json().string("reason") == "ticket_found")
            }
        }
        second.process.terminate()
        #expect(try await Self.exitStatus(second.process) == 0)

        // Every acknowledged ticket is stored once, with its secret.
        let store = try SQLiteDeskStore(path: database)
        let stored = try await store.allTickets()
        let counts = Dictionary(grouping: stored, by: \.code).mapValues(\.count)
        var missing: [String] = []
        for ticket in tickets {
            if counts[ticket.code] != 1 { missing.append(ticket.code) }
        }
        #expect(missing.isEmpty, "\(missing.count) acknowledged tickets missing or duplicated")
        #expect(Set(tickets.map(\.code)).count == tickets.count, "a code was given twice")
        let unexpected = await acknowledged.unexpected
        // At most the tickets in flight at the kill (written, not yet acknowledged) are extra.
        #expect(stored.count >= tickets.count && stored.count <= tickets.count + 16, "\(stored.count) tickets stored; unexpected replies: \(unexpected.prefix(5))")
        for ticket in tickets.shuffled().prefix(50) {
            #expect(try await store.ticket(code: ticket.code, secret: ticket.secret) != nil)
        }
    }

    /// A server process on a free port with `database`.
    static func startServer(database: String) async throws -> (process: Process, port: Int) {
        let server = try Self.launch([
            "--port", "0", "--database", database, "--root", Fixture.root.path, "--log-level", "error",
            "--rate-limit", "1000", "--rate-burst", "1000", "--tickets-per-minute", "0",
        ])
        let listening = try await withTimeout(.seconds(120), "the listening line") {
            for await line in server.output where line.hasPrefix("listening on ") { return line }
            throw TimedOut(what: "the listening line (the server exited)", limit: .seconds(120))
        }
        let port = try #require(listening.split(separator: ":").last.flatMap { Int($0) })
        return (server.process, port)
    }

    /// Users (16 at a time, one connection each) open tickets until `acknowledged` holds
    /// `total`, or the server dies; `progress` sees the count after each acknowledgement.
    static func openTickets(
        port: Int, until total: Int, acknowledged: Acknowledged, progress: @escaping @Sendable (Int) -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    while await acknowledged.count < total {
                        do {
                            let opened: (String, String)? = try await withClient(port) { reader, writer in
                                _ = try await reader.greeting()
                                try await writer.send("/json")
                                _ = try await reader.json()
                                try await writer.send("/operatore")
                                var reply = try await reader.json()
                                // Pushed events (queue positions) may come first.
                                while reply.string("type") != "reply" { reply = try await reader.json() }
                                guard let ticket = reply["ticket"] as? [String: any Sendable],
                                    let code = ticket["code"] as? String, let secret = ticket["secret"] as? String
                                else {
                                    await acknowledged.odd("\(reply["type"] ?? "?") \(reply["reason"] ?? "?")")
                                    return nil
                                }
                                return (code, secret)
                            }
                            guard let (code, secret) = opened else { continue }
                            // Only what reached the user counts; a ticket beyond the total
                            // (another task got there first) is still a ticket the user was told.
                            await acknowledged.add(code, secret)
                            progress(await acknowledged.count)
                        } catch {
                            // The server is gone (killed): this user stops.
                            await acknowledged.failed()
                            return
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
