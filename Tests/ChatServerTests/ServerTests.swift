import Testing

/// Every test that opens sockets, one at a time: some measure how quickly a second
/// client is answered while another floods, which parallel tests on two cores would blur.
@Suite("ChatServer over real sockets", .serialized, .timeLimit(.minutes(2)))
struct ServerTests {}
