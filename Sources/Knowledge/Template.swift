import TextAnalysis
/// A card body split once into literal text and parameter placeholders, so that an
/// answer is rendered by concatenation instead of searching the text each time.
public struct Template: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case text(String)
        case parameter(id: String, field: String?)
    }

    let segments: [Segment]

    /// Parses the `{{param:ID}}` and `{{param:ID|field}}` placeholders of `text`.
    public init(_ text: String) {
        var segments: [Segment] = []
        var cursor = text.startIndex
        for placeholder in ParameterCatalog.placeholders(in: text) {
            if cursor < placeholder.range.lowerBound {
                segments.append(.text(String(text[cursor..<placeholder.range.lowerBound])))
            }
            segments.append(.parameter(id: placeholder.id, field: placeholder.field))
            cursor = placeholder.range.upperBound
        }
        if cursor < text.endIndex { segments.append(.text(String(text[cursor...]))) }
        self.segments = segments
    }

    /// The text for `day`, and the ids of the parameters it quotes.
    public func render(with parameters: ParameterCatalog, on day: Day, english: Bool) -> (text: String, used: [String]) {
        var output = ""
        var used: [String] = []
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .parameter(let id, let field):
                guard let parameter = parameters.parameters[id], let entry = parameter.entry(on: day) else {
                    output += english
                        ? "[figure to be checked with the official source]"
                        : "[dato da verificare presso la fonte ufficiale]"
                    continue
                }
                used.append(id)
                switch field {
                case "from": output += entry.from.spelled(english: english)
                case "source": output += parameter.source
                case "unit": output += parameter.unit
                default: output += ParameterCatalog.format(entry.value, english: english)
                }
            }
        }
        return (output, used)
    }
}
