/// Why a ticket or operator operation was refused by the store.
public enum TicketStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case operatorExists(String)
    case unknownOperator(String)
    case invalidOperatorName(String)
    case writeFailed(reason: String)

    public var description: String {
        switch self {
        case .operatorExists(let name):
            "an operator named \(name) already exists (see `sportello-server operator list`)"
        case .unknownOperator(let name):
            "there is no operator named \(name) (see `sportello-server operator list`)"
        case .invalidOperatorName(let name):
            "\"\(name)\" is not a valid operator name: use 2 to 32 letters, digits, '.', '_' or '-'"
        case .writeFailed(let reason):
            "cannot write to the desk database: \(reason); check free disk space"
        }
    }
}
