import Analysis
import EmisTestSupport
import FormatSchema
import Foundation
import Testing

/// The JSON `emis project` writes has exactly the keys the reference (OutputFormat) lists:
/// required keys always, optional keys only those listed.
struct OutputFormatTests {
    private func object(_ value: Any, _ context: String) throws -> [String: Any] {
        try #require(value as? [String: Any], "\(context) is not an object")
    }

    private func expectKeys(_ object: [String: Any], _ spec: RecordSpec, _ context: String) {
        let keys = Set(object.keys)
        let listed = Set(spec.keys)
        #expect(
            keys.isSubset(of: listed), "\(context): keys not in the reference: \(keys.subtracting(listed).sorted())")
        let required = Set(spec.requiredKeys)
        #expect(required.isSubset(of: keys), "\(context): missing \(required.subtracting(keys).sorted())")
        for group in Set(
            spec.fields.compactMap { field -> String? in
                if case let .oneOf(name) = field.requirement { return name }
                return nil
            })
        {
            #expect(
                spec.group(group).filter { keys.contains($0) }.count == 1,
                "\(context): exactly one of \(spec.group(group))")
        }
    }

    @Test(arguments: [["Scenarios/optimize-2025.yaml", "--by", "sector:1"], ["Scenarios/plan.yaml"]])
    func projectJSONHasTheDocumentedKeys(arguments: [String]) throws {
        let run = try Emis.run(["project"] + arguments + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let top = try object(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)), "the projection")
        expectKeys(top, OutputFormat.projection, "top level")
        for measure in try #require(top["measures"] as? [Any]) {
            expectKeys(try object(measure, "a measure"), OutputFormat.measure, "a measure")
        }
        let targets = try #require(top["targets"] as? [Any])
        #expect(!targets.isEmpty)
        for target in targets {
            expectKeys(try object(target, "a target"), OutputFormat.target, "a target")
        }
        if arguments.contains("--by") {
            let groups = try #require(top["breakdown"] as? [Any])
            for group in groups { expectKeys(try object(group, "a group"), OutputFormat.breakdown, "a group") }
            expectKeys(try object(try #require(top["candidates"]), "candidates"), OutputFormat.candidates, "candidates")
        } else {
            #expect(top["candidates"] == nil && top["breakdown"] == nil)
        }
    }
}
