/// Finds dates, amounts of time, ages, daily hours, counts of children, the writer's parent
/// role and kind of work, numbers and "I don't know" answers in a message, Italian or English.
///
/// It reads the folded words (lower case, no accents) from left to right. At each word it
/// tries every pattern and keeps the longest match, so each word belongs to at most one
/// entity and entities come in text order. No regular expressions, no date formatters:
/// static tables and a few comparisons per word. A message with no digit and none of the
/// words the patterns need returns at once, without allocating.
///
/// Choices:
/// - Dates: "15 marzo 2027", "15th of March 2027", "March 15, 2027", "15/03/2027" (any three
///   numbers day month year, two-digit years meaning 20xx), "03/15/2027" when only the
///   American order makes sense, "2027-03-15", "15.03.2027" (one word for the tokenizer),
///   "15/03" (second number of exactly two digits). A day and month without a year are in
///   the current year ("31 gennaio" said on 29 November 2026 is 31 January 2026). Years are
///   1900...2100: a date-shaped group with an impossible day ("31 febbraio", "30/02/2027")
///   or a year outside that range produces no entity at all (not even numbers), so the
///   caller sees that no date was given.
/// - Relative dates: oggi, ieri, domani, dopodomani, l'altro ieri, "tra/fra N unit",
///   "N unit fa", "in N unit" (English units only: the Italian "in 3 mesi" is a duration),
///   "N unit ago", next/last week, month and year (the same day 7 days, 1 month or 1 year
///   later or earlier; "the last week" is not a date). Hours never make a date.
/// - Ages rather than durations when a cue is present: "ha/hanno/compie N", "ho N anni",
///   "di N" shortly after a child word, "ai/agli/i N anni", "N anni compiuti",
///   "N di età", "N years old", "aged N", "my son is N", "turns N". "ha 5 mesi di
///   congedo" stays a duration (followed by "di", "per", "da"...).
/// - A bare number after an amount of time carries its unit and kind when the words in
///   between start with a conjunction ("ho usato 2 mesi e la madre 4" gives 4 months;
///   "ha 5 anni e mia figlia 3" gives age 3). A bare number before one shares its unit
///   ("figli di 3 e 5 anni" gives two ages).
/// - The ambiguous "un/una/uno/a/an/one" are numbers only before a singular unit or noun
///   ("un anno", "a child"), "sei" only before a unit, a noun or a month, "due" is not a
///   number in "due date", "due to", "is due"; alone as a whole message "uno", "una",
///   "one" and "sei" are numbers.
/// - Known limitation: the tokenizer drops decimal separators ("7,5" is read as "75"), so
///   write halves in words ("7 ore e mezza"). Hours above 24 are durations, not daily hours.
public enum EntityExtractor {
    /// The entities of `text`, tokenized with `Tokenizer.words`.
    public static func extract(_ text: String, today: Day) -> [Entity] {
        extract(from: Tokenizer.words(text), today: today)
    }

    /// The entities of a tokenized message, in text order. `today` anchors relative dates
    /// ("ieri", "tra due settimane") and dates without a year.
    public static func extract(from words: [Word], today: Day) -> [Entity] {
        guard mayContainEntities(words) else { return [] }
        return Scanner(words: words, today: today).run()
    }

    /// Whether some word is a digit, a number word or a word some pattern needs.
    static func mayContainEntities(_ words: [Word]) -> Bool {
        for word in words {
            if let first = word.folded.utf8.first, first >= 48, first <= 57 { return true }
            if Lexicon.triggers.contains(word.folded) { return true }
        }
        if let last = words.last, Lexicon.loneNumbers.contains(last.folded) { return true }
        return false
    }
}

// MARK: - Scanner

/// One pass over the words of one message.
private struct Scanner {
    let words: [Word]
    let today: Day

    /// A match starting at some word: its value (nil when the words are consumed without
    /// an entity, as an impossible date) and the index after its last word.
    struct Match {
        let value: EntityValue?
        let end: Int
    }

    /// A number with how it may be used.
    struct NumberMatch {
        var value: Double
        var end: Int
        var need: Lexicon.Need
        var language: Language?
        /// "un paio", "a couple": may be followed by "di"/"of".
        var collective = false
    }

    /// An amount of time as written, before deciding what it is.
    struct QuantityMatch {
        let value: Double
        let unit: TimeUnit
        let english: Bool
        let end: Int
    }

    enum Kind { case duration, age, hours }

    /// The last entity, when it was an amount of time: a following bare number may take
    /// its unit.
    struct Carry {
        let kind: Kind
        let unit: TimeUnit
        let end: Int
    }

    func run() -> [Entity] {
        var entities: [Entity] = []
        var carry: Carry?
        var i = 0
        while i < words.count {
            if let match = bestMatch(at: i, previous: carry) {
                if let value = match.value {
                    entities.append(entity(value, i..<match.end))
                    carry = Scanner.carry(from: value, end: match.end)
                } else {
                    carry = nil
                }
                i = match.end
            } else if let number = bareNumber(at: i, previous: carry) {
                entities.append(entity(number.value, i..<number.end))
                carry = Scanner.carry(from: number.value, end: number.end)
                i = number.end
            } else {
                i += 1
            }
        }
        return entities
    }

    func entity(_ value: EntityValue, _ range: Range<Int>) -> Entity {
        var text = ""
        for index in range {
            if index > range.lowerBound { text += " " }
            text += words[index].lower
        }
        return Entity(value: value, words: range, text: text)
    }

    static func carry(from value: EntityValue, end: Int) -> Carry? {
        switch value {
        case .duration(let q): return Carry(kind: .duration, unit: q.unit, end: end)
        case .age(let q): return Carry(kind: .age, unit: q.unit, end: end)
        case .hoursPerDay: return Carry(kind: .hours, unit: .hour, end: end)
        default: return nil
        }
    }

    // MARK: Word access

    func word(_ index: Int) -> String? {
        index >= 0 && index < words.count ? words[index].folded : nil
    }

    func isDigits(_ index: Int) -> Bool {
        index >= 0 && index < words.count && words[index].isNumber
    }

    func digitCount(_ index: Int) -> Int { words[index].folded.utf8.count }

    func unit(at index: Int) -> Lexicon.UnitWord? {
        guard let w = word(index) else { return nil }
        return Lexicon.units[w]
    }

    func isIn(_ set: Set<String>, _ index: Int) -> Bool {
        guard let w = word(index) else { return false }
        return set.contains(w)
    }

    /// Whether one of the words in `range` (clamped to the message) is in `set`.
    func anyIn(_ set: Set<String>, _ range: Range<Int>) -> Bool {
        let lower = max(0, range.lowerBound)
        let upper = min(words.count, range.upperBound)
        guard lower < upper else { return false }
        for index in lower..<upper where set.contains(words[index].folded) { return true }
        return false
    }

    // MARK: Dispatch

    func bestMatch(at i: Int, previous: Carry?) -> Match? {
        let w = words[i].folded
        let starts: Lexicon.Starts
        if let first = w.utf8.first, first >= 48, first <= 57 {
            starts = words[i].isNumber ? .digits : .ordinal
        } else if let found = Lexicon.starts[w] {
            starts = found
        } else {
            return nil
        }
        var best: Match?
        func consider(_ candidate: Match?) {
            guard let candidate else { return }
            if candidate.end > (best?.end ?? i) { best = candidate }
        }
        if starts.contains(.digits) { consider(numericDate(at: i)) }
        if !starts.isDisjoint(with: [.digits, .ordinal, .number]) { consider(dayFirstDate(at: i)) }
        if starts.contains(.month) { consider(monthFirstDate(at: i)) }
        if starts.contains(.prefix) { consider(relativeAhead(at: i)) }
        if starts.contains(.aged) { consider(aged(at: i)) }
        if !starts.isDisjoint(with: [.digits, .number]) {
            consider(quantityEntity(at: i, previous: previous))
            consider(count(at: i))
        }
        if starts.contains(.role) { consider(role(at: i)) }
        if starts.contains(.phrase) { consider(phrase(at: i)) }
        return best
    }

    // MARK: Numbers

    /// A number starting at `i`: digits, a number word, "twenty one", "two hundred",
    /// "un paio", "a couple".
    func number(at i: Int) -> NumberMatch? {
        guard let w = word(i) else { return nil }
        if words[i].isNumber {
            guard let value = words[i].decimal ?? Double(w), value.isFinite else { return nil }
            return NumberMatch(value: value, end: i + 1, need: .none, language: nil)
        }
        if w == "un" || w == "a", let next = word(i + 1), next == "paio" || next == "couple" {
            return NumberMatch(
                value: 2, end: i + 2, need: next == "paio" ? .none : .linker,
                language: next == "paio" ? .it : .en, collective: true)
        }
        if w == "paio" || w == "couple" {
            return NumberMatch(
                value: 2, end: i + 1, need: w == "paio" ? .none : .linker,
                language: w == "paio" ? .it : .en, collective: true)
        }
        guard let entry = Lexicon.numbers[w] else { return nil }
        if entry.need == .singular, let before = word(i - 1),
            words[i - 1].isNumber || Lexicon.units[before] != nil || Lexicon.articleBlockers.contains(before)
        {
            return nil  // "20 hours a week", "once a month", "500 euro a month"
        }
        if w == "mille", word(i - 1) == "grazie" { return nil }
        if w == "due" {  // English "due date", "due to", "is due"
            if isIn(Lexicon.dueBlockersAfter, i + 1) || isIn(Lexicon.dueBlockersBefore, i - 1) { return nil }
        }
        var match = NumberMatch(value: entry.value, end: i + 1, need: entry.need, language: entry.language)
        if entry.language == .en, entry.value >= 20, entry.value < 100,
            let next = word(i + 1), let unit = Lexicon.numbers[next], unit.language == .en,
            unit.value >= 1, unit.value <= 9, next != "a", next != "an"
        {
            match.value += unit.value
            match.end += 1
            match.need = .none
        }
        if let next = word(match.end), next == "hundred" || next == "thousand", match.value < 1000,
            entry.language == .en
        {
            match.value *= next == "hundred" ? 100 : 1000
            match.end += 1
            match.need = .none
        }
        return match
    }

    /// Whether a number that needs context ("un", "sei") may stand before a unit or noun
    /// that is `singular` (or not) and in `language`.
    static func allows(_ number: NumberMatch, singular: Bool, language: Language, halfAdded: Bool = false) -> Bool {
        switch number.need {
        case .none, .linker: return true
        case .singular: return (singular || halfAdded) && number.language == language
        case .context: return language == .it
        }
    }

    // MARK: Quantities

    /// An amount of time starting at `i`: "2 mesi", "un anno e mezzo", "mezz'ora",
    /// "two and a half years", "half a day", "un paio di settimane".
    func quantity(at i: Int) -> QuantityMatch? {
        guard let w = word(i) else { return nil }
        if w == "mezzo" || w == "mezza" || w == "mezz", let u = unit(at: i + 1) {
            return QuantityMatch(value: 0.5, unit: u.unit, english: u.language == .en, end: i + 2)
        }
        if w == "half" {
            var j = i + 1
            if let next = word(j), next == "a" || next == "an" { j += 1 }
            if let u = unit(at: j) {
                return QuantityMatch(value: 0.5, unit: u.unit, english: u.language == .en, end: j + 1)
            }
            return nil
        }
        guard let n = number(at: i) else { return nil }
        var j = n.end
        if n.collective, let next = word(j), next == "di" || next == "d" || next == "of" {
            j += 1
        } else if n.need == .linker {
            return nil
        }
        var value = n.value
        var halfAdded = false
        if word(j) == "and", word(j + 1) == "a", word(j + 2) == "half", unit(at: j + 3) != nil {
            value += 0.5
            halfAdded = true
            j += 3
        }
        guard let u = unit(at: j), Scanner.allows(n, singular: u.singular, language: u.language, halfAdded: halfAdded)
        else { return nil }
        j += 1
        if !halfAdded {
            if let next = word(j), next == "e" || next == "ed", let half = word(j + 1),
                half == "mezzo" || half == "mezza"
            {
                value += 0.5
                j += 2
            } else if word(j) == "and", word(j + 1) == "a", word(j + 2) == "half" {
                value += 0.5
                j += 3
            }
        }
        return QuantityMatch(value: value, unit: u.unit, english: u.language == .en, end: j)
    }

    /// An amount of time and what it is: a past date ("3 mesi fa"), an age, daily hours or
    /// a duration.
    func quantityEntity(at i: Int, previous: Carry?) -> Match? {
        guard let q = quantity(at: i) else { return nil }
        return classify(Quantity(value: q.value, unit: q.unit), start: i, end: q.end, previous: previous)
    }

    func classify(_ q: Quantity, start i: Int, end: Int, previous: Carry?) -> Match {
        let continued = continuation(of: previous, at: i)
        if q.unit == .hour {
            let plausible = q.value > 0 && q.value <= 24
            if let length = perDaySuffix(at: end) {
                return Match(value: plausible ? .hoursPerDay(q.value) : .duration(q), end: end + length)
            }
            if let length = perPeriodSuffix(at: end) {  // "20 ore settimanali", "20 hours a week"
                return Match(value: .duration(q), end: end + length)
            }
            if plausible && (anyIn(Lexicon.workCues, (i - 3)..<i) || continued == .hours) {
                return Match(value: .hoursPerDay(q.value), end: end)
            }
            return Match(value: .duration(q), end: end)
        }
        if let next = word(end) {
            if next == "fa" || next == "ago" { return Match(value: shifted(q, sign: -1), end: end + 1) }
            if next == "old" { return Match(value: .age(q), end: end + 1) }
            if next == "compiuti" || next == "compiuto" { return Match(value: .age(q), end: end + 1) }
            if next == "di" || next == "d", let after = word(end + 1), after == "eta" || after == "vita" {
                return Match(value: .age(q), end: end + 2)
            }
        }
        if ageCue(before: i, end: end, unit: q.unit) || continued == .age {
            return Match(value: .age(q), end: end)
        }
        return Match(value: .duration(q), end: end)
    }

    /// The kind of the previous amount of time when this one continues its list:
    /// "5 anni e 3 mesi", "3, 5 e 8 anni".
    func continuation(of previous: Carry?, at i: Int) -> Kind? {
        guard let previous else { return nil }
        if previous.end == i { return previous.kind }
        if previous.end == i - 1, isIn(Lexicon.connectors, i - 1) { return previous.kind }
        return nil
    }

    /// Words after an amount of hours that make it daily: "al giorno", "a day"...
    func perDaySuffix(at j: Int) -> Int? {
        guard let w = word(j) else { return nil }
        switch w {
        case "giornaliere", "giornalieri", "giornaliero", "giornaliera", "daily", "quotidiane": return 1
        case "al":
            if word(j + 1) == "giorno" { return 2 }
            if word(j + 1) == "di", !isIn(Lexicon.alDiBlockers, j + 2) { return 2 }
            return nil
        case "per", "ogni":
            return word(j + 1) == "giorno" || word(j + 1) == "day" ? 2 : nil
        case "a", "each", "every":
            return word(j + 1) == "day" || (w == "a" && word(j + 1) == "giornata") ? 2 : nil
        default: return nil
        }
    }

    /// Words after an amount of hours that make it weekly or monthly: "settimanali",
    /// "alla settimana", "a week", "al mese", "per month"...
    func perPeriodSuffix(at j: Int) -> Int? {
        guard let w = word(j) else { return nil }
        switch w {
        case "settimanali", "mensili", "weekly", "monthly": return 1
        case "a", "alla", "al", "per", "each", "every", "ogni":
            guard let next = word(j + 1) else { return nil }
            switch next {
            case "settimana", "mese", "week", "month": return 2
            default: return nil
            }
        default: return nil
        }
    }

    /// Whether the words around the amount starting at `i` and ending before `end` make it
    /// an age.
    func ageCue(before i: Int, end: Int, unit: TimeUnit) -> Bool {
        guard let previous = word(i - 1) else { return false }
        switch previous {
        case "ha", "hanno": return !isDurationFollower(end)
        case "ho": return unit == .year && !isDurationFollower(end)
        case "fatto":
            guard let verb = word(i - 2), verb == "ha" || verb == "ho" || verb == "hanno" else { return false }
            return !isDurationFollower(end)
        case "di", "d": return anyIn(Lexicon.childWords, (i - 4)..<(i - 1))
        case "is", "s", "are", "e": return anyIn(Lexicon.childWords, (i - 4)..<(i - 1)) && !isDurationFollower(end)
        case "ai", "agli", "i", "gli": return unit == .year && !isDurationFollower(end)
        default: return Lexicon.ageVerbs.contains(previous)
        }
    }

    /// "ha 5 mesi di congedo", "ha 30 giorni per presentare": an amount that is had, not an age.
    func isDurationFollower(_ j: Int) -> Bool {
        guard let w = word(j) else { return false }
        if w == "di" || w == "d" {
            guard let after = word(j + 1) else { return true }
            return after != "eta" && after != "vita"
        }
        return Lexicon.durationFollowers.contains(w)
    }

    /// "aged 5", "age 8 months", "the age of 3".
    func aged(at i: Int) -> Match? {
        var j = i + 1
        if word(i) == "age", word(j) == "of" { j += 1 }
        guard let n = number(at: j), n.need == .none || word(j) == "one" else { return nil }
        j = n.end
        var ageUnit = TimeUnit.year
        if let u = unit(at: j), u.unit != .hour {
            ageUnit = u.unit
            j += 1
        }
        if word(j) == "old" { j += 1 }
        return Match(value: .age(Quantity(value: n.value, unit: ageUnit)), end: j)
    }

    // MARK: Counts

    /// "tre figli", "un figlio", "two children", "due gemelli", "due figli gemelli".
    func count(at i: Int) -> Match? {
        guard let n = number(at: i) else { return nil }
        var j = n.end
        if n.collective, let next = word(j), next == "di" || next == "d" || next == "of" {
            j += 1
        } else if n.need == .linker {
            return nil
        }
        if isIn(Lexicon.countAdjectives, j) { j += 1 }
        guard let w = word(j), let noun = Lexicon.countedNouns[w],
            Scanner.allows(n, singular: noun.singular, language: noun.language)
        else { return nil }
        j += 1
        if Lexicon.twins[w] == nil, let next = word(j), Lexicon.twins[next] != nil { j += 1 }
        guard let value = Int(exactly: n.value), (0...100).contains(value) else { return nil }
        return Match(value: .count(value, of: "figli"), end: j)
    }

    // MARK: Bare numbers

    /// A number outside every pattern: it may still share a unit with an amount before or
    /// after it, or be a child's age ("my son is 5").
    func bareNumber(at i: Int, previous: Carry?) -> (value: EntityValue, end: Int)? {
        guard var n = number(at: i) else { return nil }
        switch n.need {
        case .none: break
        case .linker: return nil
        case .singular, .context:
            // "uno", "one", "sei" alone, or closing "ne ho uno", "only one".
            guard let w = word(i), Lexicon.loneNumbers.contains(w), n.end == words.count,
                words.count == 1 || isIn(Lexicon.loneNumberLeads, i - 1)
            else { return nil }
            n.need = .none
        }
        let end = n.end
        // A list before an amount: "3 e 5 anni", "3, 5 e 8 anni".
        if let u = sharedUnit(after: end) {
            let match = classify(Quantity(value: n.value, unit: u), start: i, end: end, previous: previous)
            if let value = match.value { return (value, end) }
        }
        // "my daughter is 7", "compie 6".
        if n.value > 0, n.value <= 25, let before = word(i - 1) {
            if Lexicon.bareAgeVerbs.contains(before)
                || ((before == "is" || before == "s" || before == "are")
                    && anyIn(Lexicon.childWords, (i - 4)..<(i - 1)))
            {
                return (.age(Quantity(value: n.value, unit: .year)), end)
            }
        }
        // "ho usato 2 mesi e la madre 4": the unit carries over.
        if let previous, let carried = carried(n.value, at: i, end: end, previous: previous) {
            return (carried, end)
        }
        return (.number(n.value), end)
    }

    /// The unit of an amount that closes a list of bare numbers starting after `end`.
    func sharedUnit(after end: Int) -> TimeUnit? {
        var k = end
        for _ in 0..<6 {
            if isIn(Lexicon.connectors, k) { k += 1 }
            guard let n = number(at: k), n.need == .none, !n.collective else { return nil }
            if let u = unit(at: n.end) { return u.unit }
            k = n.end
        }
        return nil
    }

    func carried(_ value: Double, at i: Int, end: Int, previous: Carry) -> EntityValue? {
        let gap = i - previous.end
        guard gap >= 1, gap <= 4, isIn(Lexicon.connectors, previous.end) else { return nil }
        for index in previous.end..<i where words[index].isNumber || Lexicon.numbers[words[index].folded] != nil {
            if Lexicon.numbers[words[index].folded]?.need == .singular { continue }  // "e una collega 3"
            return nil
        }
        if isIn(Lexicon.notCarriedBefore, end) || isIn(Lexicon.countedNounSet, end) { return nil }
        let q = Quantity(value: value, unit: previous.unit)
        switch previous.kind {
        case .duration: return .duration(q)
        case .age: return .age(q)
        case .hours: return value > 0 && value <= 24 ? .hoursPerDay(value) : nil
        }
    }

    // MARK: Dates

    /// The date, or nil (an impossible day or a year outside 1900...2100).
    func date(year: Int?, month: Int, day: Int) -> EntityValue? {
        let year = year ?? today.year
        guard (1900...2100).contains(year), let found = Day(year: year, month: month, day: day) else { return nil }
        return .date(found)
    }

    /// A year written after a day and month: four digits (1800...2200, so that
    /// "1 gennaio 1000 euro" is not a year) or two (20xx), not the start of an amount.
    func year(at j: Int) -> Int? {
        guard isDigits(j), let value = Int(words[j].folded) else { return nil }
        switch digitCount(j) {
        case 4: return (1800...2200).contains(value) ? value : nil
        case 2:
            if unit(at: j + 1) != nil || isIn(Lexicon.countedNounSet, j + 1) || Lexicon.months[word(j + 1) ?? ""] != nil
            {
                return nil
            }
            return 2000 + value
        default: return nil
        }
    }

    /// A day of the month: "15", "15th", "1o" (1º), "primo", "quindici".
    func dayOfMonth(at j: Int, wordsAllowed: Bool) -> Int? {
        guard let w = word(j) else { return nil }
        if words[j].isNumber {
            guard w.utf8.count <= 2, let value = Int(w), (1...31).contains(value) else { return nil }
            return value
        }
        let utf8 = w.utf8
        if let first = utf8.first, first >= 48, first <= 57 {
            var value = 0
            var digits = 0
            var suffix: String.Index?
            for index in utf8.indices {
                let byte = utf8[index]
                if byte >= 48 && byte <= 57 {
                    value = value * 10 + Int(byte - 48)
                    digits += 1
                    if digits > 2 { return nil }
                } else {
                    suffix = index
                    break
                }
            }
            guard let suffix, (1...31).contains(value) else { return nil }
            return Lexicon.ordinalSuffixes.contains(String(w[suffix...])) ? value : nil
        }
        guard wordsAllowed else { return nil }
        if w == "primo" || w == "first" { return 1 }
        guard let entry = Lexicon.numbers[w], entry.need != .singular, let value = Int(exactly: entry.value),
            (1...31).contains(value)
        else { return nil }
        return value
    }

    /// "15 marzo 2027", "15th of March 2027", "primo maggio", "31 gennaio".
    func dayFirstDate(at i: Int) -> Match? {
        guard let day = dayOfMonth(at: i, wordsAllowed: true) else { return nil }
        var j = i + 1
        if let w = word(j), w == "of" || w == "di" { j += 1 }
        guard let w = word(j), let month = Lexicon.months[w] else { return nil }
        j += 1
        let year = year(at: j)
        if year != nil { j += 1 }
        return Match(value: date(year: year, month: month.month, day: day), end: j)
    }

    /// "March 15, 2027", "marzo 15", "Mar 15 2027" (an abbreviation needs the year).
    func monthFirstDate(at i: Int) -> Match? {
        guard let w = word(i), let month = Lexicon.months[w], let day = dayOfMonth(at: i + 1, wordsAllowed: false)
        else { return nil }
        var j = i + 2
        let year = year(at: j)
        if year != nil {
            j += 1
        } else {
            if month.abbreviation { return nil }
            if unit(at: j) != nil || isIn(Lexicon.countedNounSet, j) { return nil }  // "maggio 15 giorni"
        }
        return Match(value: date(year: year, month: month.month, day: day), end: j)
    }

    /// "15 03 2027" (from 15/03/2027), "2027 03 15" (from 2027-03-15), "15032027"
    /// (from 15.03.2027), "15 03" (from 15/03).
    func numericDate(at i: Int) -> Match? {
        let length = digitCount(i)
        guard let a = Int(words[i].folded) else { return nil }
        if length == 8 {
            let (dd, mm, yyyy) = (a / 1_000_000, a / 10_000 % 100, a % 10_000)
            if (1...31).contains(dd), (1...12).contains(mm), (1800...2200).contains(yyyy) {
                return Match(value: date(year: yyyy, month: mm, day: dd), end: i + 1)
            }
            let (y, m, d) = (a / 10_000, a / 100 % 100, a % 100)
            if (1800...2200).contains(y), (1...12).contains(m), (1...31).contains(d) {
                return Match(value: date(year: y, month: m, day: d), end: i + 1)
            }
            return nil
        }
        guard isDigits(i + 1), digitCount(i + 1) <= 2, let b = Int(words[i + 1].folded) else { return nil }
        if length == 4 {
            guard (1800...2200).contains(a), (1...12).contains(b), isDigits(i + 2), digitCount(i + 2) <= 2,
                let c = Int(words[i + 2].folded), (1...31).contains(c)
            else { return nil }
            return Match(value: date(year: a, month: b, day: c), end: i + 3)
        }
        guard length <= 2, !isDigits(i - 1) else { return nil }
        if isDigits(i + 2), let c = Int(words[i + 2].folded), digitCount(i + 2) == 2 || digitCount(i + 2) == 4,
            unit(at: i + 3) == nil, !isIn(Lexicon.countedNounSet, i + 3)
        {
            let year = digitCount(i + 2) == 2 ? 2000 + c : c
            if digitCount(i + 2) == 4 && !(1800...2200).contains(c) { return nil }
            if (1...31).contains(a), (1...12).contains(b) {
                return Match(value: date(year: year, month: b, day: a), end: i + 3)
            }
            if (1...12).contains(a), (13...31).contains(b) {  // American order: 03/15/2027
                return Match(value: date(year: year, month: a, day: b), end: i + 3)
            }
            return nil
        }
        // "15/03": the second number has exactly two digits and nothing continues the list.
        guard digitCount(i + 1) == 2, (1...31).contains(a), !isIn(Lexicon.timeCues, i - 1), (1...12).contains(b),
            !isDigits(i + 2),
            unit(at: i + 2) == nil, !isIn(Lexicon.countedNounSet, i + 2), !isIn(Lexicon.connectors, i + 2),
            Lexicon.months[word(i + 2) ?? ""] == nil
        else { return nil }
        return Match(value: date(year: nil, month: b, day: a), end: i + 2)
    }

    /// "tra due settimane", "fra un mese", "in 3 days".
    func relativeAhead(at i: Int) -> Match? {
        guard let w = word(i), let q = quantity(at: i + 1), q.unit != .hour else { return nil }
        if w == "in" && !q.english { return nil }
        return Match(value: shifted(Quantity(value: q.value, unit: q.unit), sign: 1), end: q.end)
    }

    /// Today moved by an amount (fractions of months count 30 days), or nil when the
    /// result leaves 1900...2100.
    func shifted(_ q: Quantity, sign: Int) -> EntityValue? {
        let limit: Double
        switch q.unit {
        case .day: limit = 80_000
        case .week: limit = 12_000
        case .month: limit = 2_500
        case .year, .hour: limit = 210
        }
        guard q.value >= 0, q.value <= limit else { return nil }
        let result: Day
        switch q.unit {
        case .day: result = today.adding(days: sign * Int(q.value.rounded()))
        case .week: result = today.adding(days: sign * Int((q.value * 7).rounded()))
        case .month:
            let whole = q.value.rounded(.down)
            let days = Int(((q.value - whole) * 30).rounded())
            result = today.adding(months: sign * Int(whole)).adding(days: sign * days)
        case .year, .hour: result = today.adding(months: sign * Int((q.value * 12).rounded()))
        }
        guard (1900...2100).contains(result.year) else { return nil }
        return .date(result)
    }

    // MARK: Roles and phrases

    /// "sono il padre", "sono una mamma", "I'm the father", "as a dad", "in quanto madre".
    func role(at i: Int) -> Match? {
        guard let w = word(i) else { return nil }
        var j: Int
        switch w {
        case "sono", "im", "as": j = i + 1
        case "i":
            guard let next = word(i + 1), next == "m" || next == "am" else { return nil }
            j = i + 2
        case "in":
            if word(i + 1) == "quanto" {
                j = i + 2
            } else if word(i + 1) == "qualita", word(i + 2) == "di" {
                j = i + 3
            } else {
                return nil
            }
        default: return nil
        }
        if isIn(Lexicon.roleArticles, j) { j += 1 }
        if isIn(Lexicon.roleAdjectives, j) { j += 1 }
        guard let roleWord = word(j), let role = Lexicon.roles[roleWord] else { return nil }
        return Match(value: .role(role), end: j + 1)
    }

    /// Fixed phrases: kinds of work, "I don't know", today/yesterday/next week, twins.
    func phrase(at i: Int) -> Match? {
        guard let w = word(i), let candidates = Lexicon.phrases[w] else { return nil }
        for candidate in candidates {  // longest first
            var matches = true
            for (offset, tailWord) in candidate.tail.enumerated() where word(i + 1 + offset) != tailWord {
                matches = false
                break
            }
            guard matches else { continue }
            let end = i + 1 + candidate.tail.count
            switch candidate.value {
            case .entity(.negative):
                if isIn(Lexicon.questionWords, end) { continue }  // "non so se posso..."
                return Match(value: .negative, end: end)
            case .entity(let value):
                return Match(value: value, end: end)
            case .shift(let days, let months, let notAfterThe):
                if notAfterThe && word(i - 1) == "the" { continue }
                return Match(value: .date(today.adding(months: months).adding(days: days)), end: end)
            }
        }
        return nil
    }
}

// MARK: - Lexicon

/// The static word lists, built once.
private enum Lexicon {
    /// What context a number word needs to count as a number.
    enum Need {
        /// Always a number.
        case none
        /// An article or "one": only before a singular unit or noun of its language.
        case singular
        /// "sei" (also "you are"): only before a unit, a counted noun or a month.
        case context
        /// "a couple": only followed by "of".
        case linker
    }

    struct NumberWord {
        let value: Double
        let need: Need
        let language: Language
    }

    struct UnitWord {
        let unit: TimeUnit
        let language: Language
        let singular: Bool
    }

    struct CountedNoun {
        let singular: Bool
        let language: Language
    }

    struct Month {
        let month: Int
        let abbreviation: Bool
    }

    enum PhraseValue {
        case entity(EntityValue)
        case shift(days: Int, months: Int, notAfterThe: Bool)
    }

    struct Phrase {
        let tail: [String]
        let value: PhraseValue
    }

    /// Which patterns may start at a word.
    struct Starts: OptionSet {
        let rawValue: UInt16
        static let digits = Starts(rawValue: 1)
        static let ordinal = Starts(rawValue: 2)
        static let number = Starts(rawValue: 4)
        static let month = Starts(rawValue: 8)
        static let prefix = Starts(rawValue: 16)
        static let aged = Starts(rawValue: 32)
        static let role = Starts(rawValue: 64)
        static let phrase = Starts(rawValue: 128)
    }

    static let numbers: [String: NumberWord] = {
        var table: [String: NumberWord] = [:]
        let italian = [
            "zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici",
            "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove",
        ]
        for (value, name) in italian.enumerated() {
            table[name] = NumberWord(value: Double(value), need: .none, language: .it)
        }
        let tens = ["venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"]
        for (index, ten) in tens.enumerated() {
            let tenValue = 20 + 10 * index
            table[ten] = NumberWord(value: Double(tenValue), need: .none, language: .it)
            for unit in 1...9 {
                let name = italian[unit]
                let stem = (name.first == "u" || name.first == "o") ? String(ten.dropLast()) : ten
                table[stem + name] = NumberWord(value: Double(tenValue + unit), need: .none, language: .it)
            }
        }
        table["cento"] = NumberWord(value: 100, need: .none, language: .it)
        table["mille"] = NumberWord(value: 1000, need: .none, language: .it)
        for article in ["un", "una", "uno"] {
            table[article] = NumberWord(value: 1, need: .singular, language: .it)
        }
        table["sei"] = NumberWord(value: 6, need: .context, language: .it)
        let english = [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        ]
        for (value, name) in english.enumerated() where table[name] == nil {
            table[name] = NumberWord(value: Double(value), need: .none, language: .en)
        }
        let englishTens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
        for (index, ten) in englishTens.enumerated() {
            table[ten] = NumberWord(value: Double(20 + 10 * index), need: .none, language: .en)
        }
        table["hundred"] = NumberWord(value: 100, need: .none, language: .en)
        table["thousand"] = NumberWord(value: 1000, need: .none, language: .en)
        for article in ["one", "a", "an"] {
            table[article] = NumberWord(value: 1, need: .singular, language: .en)
        }
        return table
    }()

    /// Context words whose number reading depends on the message being that one word.
    static let loneNumbers: Set<String> = ["uno", "una", "one", "sei"]
    /// Words before a closing "uno"/"one": "ne ho uno", "only one".
    static let loneNumberLeads: Set<String> = ["ho", "solo", "soltanto", "only", "just", "have", "had"]

    /// Words before "a"/"an"/"un"/"una" that make them "per": "once a week".
    static let articleBlockers: Set<String> = [
        "once", "twice", "times", "volta", "volte", "euro", "eur", "dollars", "pounds",
    ]
    /// Words before "10 12" that make it a time (10:12), not a day and month.
    static let timeCues: Set<String> = ["le", "alle", "dalle", "ore", "verso", "at", "from", "until", "till"]

    static let dueBlockersAfter: Set<String> = [
        "date", "dates", "to", "on", "by", "in", "at", "from", "for", "soon", "after", "back", "diligence",
    ]
    static let dueBlockersBefore: Set<String> = ["is", "are", "was", "were", "be", "been", "being", "the", "s", "m"]

    static let units: [String: UnitWord] = {
        var table: [String: UnitWord] = [:]
        func add(_ names: [String], _ unit: TimeUnit, _ language: Language, singular: Bool) {
            for name in names { table[name] = UnitWord(unit: unit, language: language, singular: singular) }
        }
        add(["giorno", "giornata"], .day, .it, singular: true)
        add(["giorni", "giornate", "gg"], .day, .it, singular: false)
        add(["settimana"], .week, .it, singular: true)
        add(["settimane"], .week, .it, singular: false)
        add(["mese"], .month, .it, singular: true)
        add(["mesi"], .month, .it, singular: false)
        add(["anno"], .year, .it, singular: true)
        add(["anni"], .year, .it, singular: false)
        add(["ora"], .hour, .it, singular: true)
        add(["ore"], .hour, .it, singular: false)
        add(["day"], .day, .en, singular: true)
        add(["days"], .day, .en, singular: false)
        add(["week", "wk"], .week, .en, singular: true)
        add(["weeks", "wks"], .week, .en, singular: false)
        add(["month"], .month, .en, singular: true)
        add(["months"], .month, .en, singular: false)
        add(["year", "yr"], .year, .en, singular: true)
        add(["years", "yrs"], .year, .en, singular: false)
        add(["hour", "hr"], .hour, .en, singular: true)
        add(["hours", "hrs"], .hour, .en, singular: false)
        return table
    }()

    static let months: [String: Month] = {
        var table: [String: Month] = [:]
        let italian = [
            "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
            "ottobre", "novembre", "dicembre",
        ]
        let english = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        for (index, name) in italian.enumerated() { table[name] = Month(month: index + 1, abbreviation: false) }
        for (index, name) in english.enumerated() { table[name] = Month(month: index + 1, abbreviation: false) }
        let abbreviations: [(String, Int)] = [
            ("gen", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("mag", 5), ("giu", 6), ("lug", 7), ("ago", 8),
            ("set", 9), ("sett", 9), ("ott", 10), ("nov", 11), ("dic", 12),
            ("jan", 1), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("dec", 12),
        ]
        for (name, month) in abbreviations { table[name] = Month(month: month, abbreviation: true) }
        return table
    }()

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th", "o", "a"]

    static let countedNouns: [String: CountedNoun] = {
        var table: [String: CountedNoun] = [:]
        for name in ["figlio", "figlia", "bambino", "bambina", "bimbo", "bimba"] {
            table[name] = CountedNoun(singular: true, language: .it)
        }
        for name in [
            "figli", "figlie", "bambini", "bambine", "bimbi", "bimbe", "gemelli", "gemelle", "gemellini",
            "gemelline",
        ] {
            table[name] = CountedNoun(singular: false, language: .it)
        }
        for name in ["child", "kid", "son", "daughter", "baby"] {
            table[name] = CountedNoun(singular: true, language: .en)
        }
        for name in ["children", "kids", "sons", "daughters", "babies", "twins"] {
            table[name] = CountedNoun(singular: false, language: .en)
        }
        return table
    }()

    static let countedNounSet = Set(countedNouns.keys)

    /// Words that alone say how many children are coming.
    static let twins: [String: Int] = [
        "gemelli": 2, "gemelle": 2, "gemellini": 2, "gemelline": 2, "gemellare": 2, "twins": 2,
        "trigemini": 3, "trigemine": 3, "triplets": 3, "quadrigemini": 4, "quadruplets": 4,
    ]

    static let countAdjectives: Set<String> = [
        "solo", "sola", "soli", "piccoli", "piccole", "minori", "minorenni", "altro", "altra", "altri", "altre",
        "young", "little", "small", "other", "more",
    ]

    /// Words that make a "di N anni" or "is N" an age when they come just before.
    static let childWords: Set<String> = [
        "figlio", "figlia", "figli", "figlie", "bambino", "bambina", "bambini", "bambine", "bimbo", "bimba",
        "bimbi", "bimbe", "neonato", "neonata", "neonati", "neonate", "piccolo", "piccola", "minore", "minori",
        "gemelli", "gemelle", "eta", "son", "daughter", "child", "kid", "baby", "boy", "girl", "children",
        "kids", "sons", "daughters", "babies", "toddler", "newborn", "twins",
    ]

    static let ageVerbs: Set<String> = [
        "compie", "compiuto", "compira", "compiera", "compiono", "compiranno", "compiere", "compiendo",
        "turns", "turned", "turning", "turn",
    ]
    static let bareAgeVerbs: Set<String> = [
        "compie", "compira", "compiera", "compiuto", "turns", "turned", "turning", "aged",
    ]

    static let durationFollowers: Set<String> = [
        "per", "da", "a", "in", "entro", "disponibili", "residui", "rimanenti", "of", "left", "to", "for",
    ]

    static let workCues: Set<String> = [
        "lavoro", "lavora", "lavori", "lavorano", "lavoriamo", "lavorare", "work", "works", "working",
    ]

    static let alDiBlockers: Set<String> = ["sotto", "sopra", "la", "fuori", "oltre", "qua"]

    static let connectors: Set<String> = [
        "e", "ed", "o", "oppure", "mentre", "invece", "and", "or", "while", "whereas",
    ]

    /// Words after a number that keep it a plain number ("e 4 euro").
    static let notCarriedBefore: Set<String> = [
        "euro", "eur", "percento", "percent", "per", "volte", "times", "dollars",
    ]

    static let questionWords: Set<String> = [
        "se", "come", "cosa", "che", "quando", "quale", "quali", "quanto", "quanti", "quanta", "quante", "dove",
        "perche", "chi", "if", "whether", "how", "what", "when", "which", "where", "why", "who",
    ]

    static let roles: [String: ParentRole] = [
        "padre": .father, "papa": .father, "babbo": .father, "father": .father, "dad": .father,
        "daddy": .father, "madre": .mother, "mamma": .mother, "mother": .mother, "mum": .mother,
        "mom": .mother, "mummy": .mother, "mommy": .mother,
    ]
    static let roleArticles: Set<String> = ["il", "la", "l", "lo", "un", "una", "the", "a", "an"]
    static let roleAdjectives: Set<String> = [
        "neo", "futura", "futuro", "nuova", "nuovo", "single", "new", "future", "expectant", "working",
        "proud",
    ]

    static let phrases: [String: [Phrase]] = {
        var table: [String: [Phrase]] = [:]
        func add(_ text: String, _ value: PhraseValue) {
            let parts = text.split(separator: " ").map(String.init)
            guard let first = parts.first else { return }
            table[first, default: []].append(Phrase(tail: Array(parts.dropFirst()), value: value))
        }
        func add(_ texts: [String], _ value: EntityValue) {
            for text in texts { add(text, .entity(value)) }
        }
        add(
            [
                "dipendente", "dipendenti", "lavoratrice dipendente", "lavoratore dipendente",
                "lavoratrici dipendenti", "lavoratori dipendenti", "employee", "employed", "subordinato",
                "subordinata", "lavoratrice domestica", "lavoratore domestico", "collaboratrice domestica",
                "collaboratore domestico", "collaboratrice familiare", "collaboratore familiare",
            ], .employment(.employee))
        add(
            [
                "autonoma", "autonomo", "autonomi", "autonome", "lavoratrice autonoma", "lavoratore autonomo",
                "partita iva", "piva", "p iva", "libera professionista", "libero professionista",
                "liberi professionisti", "artigiana", "artigiano", "commerciante", "freelance", "freelancer",
                "self employed", "selfemployed", "coltivatrice diretta", "coltivatore diretto",
            ], .employment(.selfEmployed))
        add(
            [
                "gestione separata", "collaboratore", "collaboratrice", "collaboratori", "collaboratrici", "cococo",
                "cocopro", "co co co", "co co pro", "parasubordinato", "parasubordinata", "parasubordinati",
                "assegnista", "dottorando", "dottoranda",
            ], .employment(.separateScheme))
        add(
            [
                "non lo so", "non so", "non saprei", "non ricordo", "non mi ricordo", "non lo ricordo",
                "non me lo ricordo", "non ne ho idea", "nessuna idea", "boh", "bho", "i don t know",
                "i dont know", "i do not know", "don t know", "dont know", "dunno", "idk", "no idea",
                "i don t remember", "i do not remember", "i can t remember",
            ], .negative)
        for (word, children) in twins { add(word, .entity(.count(children, of: "figli"))) }
        let shifts: [(String, Int, Int)] = [
            ("oggi", 0, 0), ("today", 0, 0), ("ieri", -1, 0), ("yesterday", -1, 0), ("domani", 1, 0),
            ("tomorrow", 1, 0), ("dopodomani", 2, 0), ("dopo domani", 2, 0), ("altroieri", -2, 0),
            ("altro ieri", -2, 0), ("day after tomorrow", 2, 0), ("day before yesterday", -2, 0),
            ("settimana prossima", 7, 0), ("prossima settimana", 7, 0), ("mese prossimo", 0, 1),
            ("prossimo mese", 0, 1), ("anno prossimo", 0, 12), ("prossimo anno", 0, 12),
            ("settimana scorsa", -7, 0), ("scorsa settimana", -7, 0), ("mese scorso", 0, -1),
            ("scorso mese", 0, -1), ("anno scorso", 0, -12), ("scorso anno", 0, -12),
        ]
        for (text, days, months) in shifts { add(text, .shift(days: days, months: months, notAfterThe: false)) }
        let englishShifts: [(String, Int, Int)] = [
            ("next week", 7, 0), ("next month", 0, 1), ("next year", 0, 12), ("last week", -7, 0),
            ("last month", 0, -1), ("last year", 0, -12),
        ]
        for (text, days, months) in englishShifts {
            add(text, .shift(days: days, months: months, notAfterThe: true))
        }
        for key in table.keys { table[key]?.sort { $0.tail.count > $1.tail.count } }
        return table
    }()

    static let starts: [String: Starts] = {
        var table: [String: Starts] = [:]
        for key in numbers.keys { table[key, default: []].insert(.number) }
        for key in ["mezzo", "mezza", "mezz", "half", "paio", "couple", "primo", "first"] {
            table[key, default: []].insert(.number)
        }
        for key in months.keys { table[key, default: []].insert(.month) }
        for key in ["tra", "fra", "in"] { table[key, default: []].insert(.prefix) }
        for key in ["aged", "age"] { table[key, default: []].insert(.aged) }
        for key in ["sono", "i", "im", "as", "in"] { table[key, default: []].insert(.role) }
        for key in phrases.keys { table[key, default: []].insert(.phrase) }
        return table
    }()

    /// Words without which no pattern can match (besides digits): number words, months,
    /// units, counted nouns, role words and the last word of every fixed phrase.
    static let triggers: Set<String> = {
        var set = Set<String>()
        for (key, entry) in numbers where entry.need == .none { set.insert(key) }
        set.formUnion(months.keys)
        set.formUnion(units.keys)
        set.formUnion(countedNouns.keys)
        set.formUnion(roles.keys)
        set.formUnion(["mezzo", "mezza", "mezz", "half", "paio", "couple", "primo", "aged"])
        for (first, list) in phrases {
            for phrase in list { set.insert(phrase.tail.last ?? first) }
        }
        return set
    }()
}
