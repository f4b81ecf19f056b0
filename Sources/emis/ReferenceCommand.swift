import ArgumentParser
import Diagnostics
import FormatReference

/// `emis reference [PAGE]`: prints a page of the format reference (the same text as
/// `Docs/reference/`), so it is at hand without the repository.
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "打印文件格式参考 / Print the file-format reference (Docs/reference).",
        discussion: """
            Pages: \(ReferencePage.allCases.map { $0 == .index ? "index" : $0.rawValue }.joined(separator: ", ")). \
            Without a page, prints the index. The same pages are in Docs/reference (Chinese) \
            and Docs/reference/en (English).
            """
    )

    @Argument(help: "The page: index, inventory, scenario, measures, targets, costs or output.")
    var page: String = "index"

    @Option(name: .long, help: "Language of the page: zh (default) or en.")
    var lang: Language = .zh

    func validate() throws {
        guard Self.page(named: page) != nil else {
            throw ValidationError(
                "no reference page '\(page)'; pages: index, "
                    + ReferencePage.allCases.dropFirst().map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        guard let page = Self.page(named: page) else { return }
        Terminal.write(page.render(lang))
    }

    static func page(named name: String) -> ReferencePage? {
        name.lowercased() == "index" ? .index : ReferencePage(rawValue: name.lowercased())
    }
}
