import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stand-in for `sportello-server` on a loopback port, speaking just enough of the
/// protocol for the console: the greeting, then for every line it reads the lines that
/// `respond` returns. It serves one connection at a time and records what it read.
final class FakeDesk: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private let respond: @Sendable (_ line: String, _ seq: Int) -> [String]

    /// The lines read so far, in order.
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    init(greeting: String = ConsoleSamples.greeting, respond: @escaping @Sendable (String, Int) -> [String]) throws {
        #if canImport(Glibc)
        let socketType = Int32(SOCK_STREAM.rawValue)
        #else
        let socketType = SOCK_STREAM
        #endif
        let descriptor = socket(AF_INET, socketType, 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 4) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        self.listener = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
        self.respond = respond
        let thread = Thread { [self] in self.serve(greeting: greeting) }
        thread.start()
    }

    /// Stops listening (a connection being served ends when its client closes).
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(greeting: String) {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            send(greeting, to: connection)
            var pending: [UInt8] = []
            var seq = 0
            var buffer = [UInt8](repeating: 0, count: 4096)
            reading: while true {
                let count = read(connection, &buffer, buffer.count)
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: 10) {
                    let line = String(decoding: pending[..<newline], as: UTF8.self)
                    pending.removeSubrange(...newline)
                    seq += 1
                    lock.lock()
                    received.append(line)
                    lock.unlock()
                    for answer in respond(line, seq) { send(answer, to: connection) }
                    if line == "/quit" { break reading }
                }
            }
            close(connection)
        }
    }

    private func send(_ line: String, to connection: Int32) {
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
