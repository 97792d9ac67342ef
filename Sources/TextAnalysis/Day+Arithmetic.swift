/// Calendar arithmetic on days, as the law counts: months and years keep the day of the
/// month, clamped to the month's length (31 January + 1 month = 28 or 29 February).
extension Day {
    /// Days since 1 January of year 1 (proleptic Gregorian), for differences.
    public var ordinal: Int {
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Day.length(ofMonth: m, year: year) }
        return days + day
    }

    /// The day with the given ordinal (inverse of `ordinal`).
    public init(ordinal: Int) {
        var year = max(1, ordinal / 366)
        while Day(uncheckedYear: year + 1, month: 1, day: 1).ordinal <= ordinal { year += 1 }
        while Day(uncheckedYear: year, month: 1, day: 1).ordinal > ordinal { year -= 1 }
        var rest = ordinal - Day(uncheckedYear: year, month: 1, day: 1).ordinal + 1
        var month = 1
        while rest > Day.length(ofMonth: month, year: year) {
            rest -= Day.length(ofMonth: month, year: year)
            month += 1
        }
        self.init(uncheckedYear: year, month: month, day: rest)
    }

    /// `count` days later (earlier when negative).
    public func adding(days count: Int) -> Day { Day(ordinal: ordinal + count) }

    /// `count` months later (earlier when negative), the day clamped to the month's end.
    public func adding(months count: Int) -> Day {
        let total = (year * 12 + (month - 1)) + count
        let newYear = total / 12
        let newMonth = total % 12 + 1
        return Day(
            uncheckedYear: newYear, month: newMonth, day: min(day, Day.length(ofMonth: newMonth, year: newYear)))
    }

    /// `count` years later (29 February → 28 February in a common year).
    public func adding(years count: Int) -> Day { adding(months: 12 * count) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { other.ordinal - ordinal }

    /// Whole years from `self` (a birth date) to `other`: the age on `other`. The
    /// birthday itself counts ("a child turning 6 on the day is 6").
    public func years(until other: Day) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        // Born on 29 February: the birthday in a common year is 28 February.
        if month == 2 && day == 29 && other.month == 2 && other.day == 28
            && Day.length(ofMonth: 2, year: other.year) == 28
        {
            years += 1
        }
        return years
    }

    /// Whole months from `self` to `other` (clamped month ends count as complete).
    public func months(until other: Day) -> Int {
        var months = (other.year - year) * 12 + (other.month - month)
        if adding(months: months) > other { months -= 1 }
        return months
    }
}
