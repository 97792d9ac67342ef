/// The unit of an amount of time.
public enum TimeUnit: String, Sendable, Hashable, Codable {
    case day, week, month, year, hour
}

/// An amount of time: "2 mesi" is 2 months, "un anno e mezzo" is 1.5 years.
public struct Quantity: Sendable, Hashable, Codable {
    /// How many units (may be fractional: "mezz'ora" is 0.5 hours).
    public let value: Double
    /// The unit the value counts.
    public let unit: TimeUnit

    public init(value: Double, unit: TimeUnit) {
        self.value = value
        self.unit = unit
    }
}

/// Which parent the person writing says they are.
public enum ParentRole: String, Sendable, Hashable, Codable {
    case mother, father
}

/// How the person works, as the INPS schemes tell them apart.
public enum EmploymentKind: String, Sendable, Hashable, Codable {
    /// Employed ("dipendente", "employee"), domestic workers included.
    case employee
    /// Self-employed ("autonoma", "partita IVA", "libera professionista", "freelance").
    case selfEmployed
    /// Enrolled in the INPS "gestione separata" (collaborators, co.co.co).
    case separateScheme
}

/// What an entity says.
public enum EntityValue: Sendable, Hashable {
    /// A calendar day: "15 marzo 2027", "15/03/2027", "2027-03-15", "tra due settimane",
    /// "ieri", "in two weeks", "March 15, 2027".
    case date(Day)
    /// An amount of time that is not an age: "2 mesi", "tre settimane", "un anno e mezzo".
    case duration(Quantity)
    /// An age, told by a clear cue: "ha 13 anni", "un bimbo di 8 mesi", "13-year-old".
    case age(Quantity)
    /// Working hours a day: "8 ore al giorno", "lavoro 5 ore", "6 hours a day".
    case hoursPerDay(Double)
    /// How many of something: "tre figli" and "gemelli" count "figli" (children).
    case count(Int, of: String)
    /// The parent the writer is: "sono il padre", "I'm the mother".
    case role(ParentRole)
    /// The writer's kind of work: "dipendente", "partita iva", "gestione separata".
    case employment(EmploymentKind)
    /// Any other number.
    case number(Double)
    /// The writer does not know: "non lo so", "boh", "I don't know".
    case negative
}

/// A piece of information found in a message.
public struct Entity: Sendable, Hashable {
    /// What the words say.
    public let value: EntityValue
    /// The indexes of the words (in the tokenized message) the entity covers.
    public let words: Range<Int>
    /// Those words (lower-case, accents kept), joined by single spaces.
    public let text: String

    public init(value: EntityValue, words: Range<Int>, text: String) {
        self.value = value
        self.words = words
        self.text = text
    }
}
