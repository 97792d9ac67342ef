/// Short durations for the console: `45s`, `4m`, `1h12m`, `2d03h`.
enum AgeText {
    static func format(seconds: Int) -> String {
        let seconds = max(0, seconds)
        if seconds < 60 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours)h" + twoDigits(minutes % 60) + "m" }
        return "\(hours / 24)d" + twoDigits(hours % 24) + "h"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
