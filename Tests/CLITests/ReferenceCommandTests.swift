import EmisTestSupport
import Foundation
import Testing

/// `emis reference` prints the committed pages of Docs/reference.
struct ReferenceCommandTests {
    @Test(arguments: [
        (["measures", "--lang", "en"], "en/measures.md"), ([], "README.md"), (["index"], "README.md"),
        (["output"], "output.md"),
    ])
    func printsTheCommittedPage(arguments: [String], file: String) throws {
        let run = try Emis.run(["reference"] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Docs/reference/\(file)"),
            encoding: .utf8)
        #expect(run.stdout == page)
    }

    @Test func anUnknownPageIsAUsageError() throws {
        let run = try Emis.run(["reference", "measure"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no reference page 'measure'"))
    }
}
