import Foundation
import Knowledge

/// Where a Sportello installation keeps its content: a root folder with
/// KnowledgeBase/, Dialogs/ and Config/.
public struct ProjectLayout: Sendable, Hashable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var content: ContentLocation { ContentLocation(root: root) }
    public var dialogs: URL { root.appendingPathComponent("Dialogs") }
    public var configurationFile: URL { root.appendingPathComponent("Config/sportello.yaml") }

    /// The index file named in the configuration, resolved against the root.
    public func indexFile(_ configuration: DeskConfiguration) -> URL {
        configuration.indexPath.hasPrefix("/")
            ? URL(fileURLWithPath: configuration.indexPath) : root.appendingPathComponent(configuration.indexPath)
    }

    /// Finds the root: an explicit path, else `SPORTELLO_ROOT`, else the current folder
    /// or one of its parents, else a parent of the executable (for `.build/debug/sportello`).
    public static func locate(explicit: String?, executable: String = CommandLine.arguments.first ?? "") -> ProjectLayout? {
        let manager = FileManager.default
        func isRoot(_ url: URL) -> Bool {
            manager.fileExists(atPath: url.appendingPathComponent("KnowledgeBase/topics.yaml").path)
        }
        if let explicit {
            let url = URL(fileURLWithPath: explicit)
            return isRoot(url) ? ProjectLayout(root: url) : nil
        }
        if let environment = ProcessInfo.processInfo.environment["SPORTELLO_ROOT"], !environment.isEmpty {
            let url = URL(fileURLWithPath: environment)
            return isRoot(url) ? ProjectLayout(root: url) : nil
        }
        var candidates: [URL] = []
        var folder = URL(fileURLWithPath: manager.currentDirectoryPath)
        for _ in 0..<4 {
            candidates.append(folder)
            folder.deleteLastPathComponent()
        }
        var binary = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(binary)
            binary.deleteLastPathComponent()
        }
        return candidates.first(where: isRoot).map(ProjectLayout.init(root:))
    }
}
