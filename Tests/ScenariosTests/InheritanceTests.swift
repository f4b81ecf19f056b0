import Diagnostics
import EmisTestSupport
import EmissionInventory
import Foundation
import Testing

@testable import Scenarios

/// Docs/reference/scenario.md "Inheritance": `extends`, `import`, `remove`, targets files, cycles.
@Suite struct InheritanceTests {
    static let baseline = """
        title: 基准情景
        inventory: inv
        years: [2020, 2030]
        drivers:
          - {select: {sector: power}, rate: 0.05}
        measures:
          - {id: a, kind: scale, select: {sector: power}, factor: 0.9}
          - {id: b, kind: scale, select: {sector: power}, factor: 0.8}
          - {id: c, kind: scale, select: {sector: power}, factor: 0.7}
        targets:
          - {id: t1, pollutant: SO2, year: 2025, reduction: 0.1}
          - {id: t2, pollutant: NOx, year: 2025, reduction: 0.1}
        economics: {discount_rate: 0.05}
        """

    static let plan = """
        extends: baseline.yaml
        import: [measures/heating.yaml, measures/power.yaml]
        drivers:
          - {select: {sector: residential}, rate: -0.01}
        measures:
          - {id: b, kind: scale, select: {sector: power}, factor: 0.5}
          - {id: d, kind: scale, select: {sector: power}, factor: 0.6}
        remove: [c]
        targets:
          - {id: t2, pollutant: NOx, year: 2025, reduction: 0.2}
          - {id: t3, pollutant: CO2, year: 2030, reduction: 0.05}
        economics: {discount_rate: 0.08}
        """

    static let heating = """
        title: 清洁取暖
        description: 导入的措施
        drivers:
          - {select: {sector: residential/heating}, rate: 0.02}
        measures:
          - {id: h, kind: substitute, select: {sector: residential/heating/coal}, to: e1, share: 0.5}
        """

    static let power = """
        measures:
          - {id: a, kind: retrofit, select: {ids: [p1]}, efficiency: {SO2: 0.95}}
        """

    func planSpace() throws -> Workspace {
        let space = try Workspace()
        try space.write("baseline.yaml", Self.baseline)
        try space.write("plan.yaml", Self.plan)
        try space.write("measures/heating.yaml", Self.heating)
        try space.write("measures/power.yaml", Self.power)
        return space
    }

    @Test func childOnTopOfItsParent() throws {
        let space = try planSpace()
        let result = space.load("plan.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.errorMessages)")
        let scenario = try #require(result.scenario)
        #expect(scenario.id == "plan")
        #expect(scenario.title == nil)  // the parent's title is not the child's
        #expect(scenario.inventoryPath == space.path("inv"))  // inherited
        #expect(scenario.years == 2020...2030)  // inherited
        #expect(scenario.economics.discountRate == 0.08)  // replaced

        // Drivers: the parent's, then the imports', then the file's own.
        #expect(
            scenario.drivers.map(\.subject) == [
                .sources(Selector(sectors: ["power"])),
                .sources(Selector(sectors: ["residential/heating"])),
                .sources(Selector(sectors: ["residential"])),
            ])

        // Measures: `a` replaced in place by the import, `b` by the file, `c` removed,
        // `h` (import) and `d` (own) appended in that order.
        #expect(scenario.measures.map(\.id) == ["a", "b", "h", "d"])
        #expect(scenario.measures[0].kind.name == "retrofit")
        guard case let .scale(factor) = scenario.measures[1].kind else { return }
        #expect(factor == 0.5)
        #expect(scenario.measures[0].location?.file == space.path("measures/power.yaml"))

        // Targets: `t2` replaced by id, `t3` appended.
        #expect(scenario.targets.map(\.id) == ["t1", "t2", "t3"])
        #expect(scenario.targets[1].kind == .reduction(0.2))

        #expect(
            scenario.files
                == ["plan.yaml", "baseline.yaml", "measures/heating.yaml", "measures/power.yaml"]
                .map(space.path))
    }

    @Test func theParentAloneIsAScenarioToo() throws {
        let space = try planSpace()
        let scenario = try #require(space.load("baseline.yaml").scenario)
        #expect(scenario.title == "基准情景")
        #expect(scenario.measures.map(\.id) == ["a", "b", "c"])
        #expect(scenario.targets.map(\.id) == ["t1", "t2"])
    }

    @Test func inventoryYearsAndEconomicsAreReplacedWhenGiven() throws {
        let space = try planSpace()
        try space.folder.writeInventory("inv2", sources: Fixtures.workedExampleSources)
        let result = try space.load(
            "short.yaml",
            text: """
                extends: baseline.yaml
                inventory: inv2
                years: [2020, 2025]
                """)
        let scenario = try #require(result.scenario, "\(result.errorMessages)")
        #expect(scenario.inventoryPath == space.path("inv2"))
        #expect(scenario.years == 2020...2025)
        #expect(scenario.economics.discountRate == 0.05)  // inherited
        #expect(scenario.drivers.count == 1)
    }

    @Test func grandparentParentChild() throws {
        let space = try planSpace()
        let result = try space.load(
            "enhanced.yaml",
            text: """
                extends: plan.yaml
                measures:
                  - {id: h, kind: substitute, select: {sector: residential/heating/coal}, to: e1, share: 0.9}
                remove: [a]
                """)
        let scenario = try #require(result.scenario, "\(result.errorMessages)")
        #expect(scenario.measures.map(\.id) == ["b", "h", "d"])
        guard case let .substitute(_, quantity, _) = scenario.measures[1].kind else { return }
        #expect(quantity == .share(0.9))
        #expect(scenario.drivers.count == 3)
        #expect(scenario.files.first == space.path("enhanced.yaml"))
        #expect(scenario.files.count == 5)
    }

    @Test func targetsFromAFile() throws {
        let space = try planSpace()
        try space.write(
            "targets/city.yaml",
            """
            title: 城市目标
            targets:
              - {id: t1, pollutant: SO2, year: 2025, reduction: 0.3}
              - {id: t9, pollutant: PM2.5, year: 2030, cap: 1 kt}
            """)
        let result = try space.load(
            "t.yaml",
            text: """
                extends: baseline.yaml
                targets: targets/city.yaml
                """)
        let scenario = try #require(result.scenario, "\(result.errorMessages)")
        #expect(scenario.targets.map(\.id) == ["t1", "t2", "t9"])
        #expect(scenario.targets[0].kind == .reduction(0.3))
        #expect(scenario.targets[2].kind == .cap(1000))
        #expect(scenario.files == ["t.yaml", "baseline.yaml", "targets/city.yaml"].map(space.path))
    }

    @Test func filesAreNamedFromThePathAsGiven() throws {
        let space = try Workspace(inventory: false)
        try space.folder.writeInventory("Inventories/x", sources: Fixtures.workedExampleSources)
        try space.write(
            "Scenarios/baseline.yaml",
            """
            inventory: ../Inventories/x
            years: [2020, 2030]
            measures:
              - {id: a, kind: scale, select: {sector: power}, factor: -1}
            """)
        let result = try space.load("Scenarios/plan.yaml", text: "extends: baseline.yaml\n")
        #expect(result.errors.count == 1)
        #expect(
            result.errors.first?.location
                == SourceLocation(
                    file: space.path("Scenarios/baseline.yaml"),
                    line: 4, column: 59))
    }

    @Test func aCycleInExtendsNamesTheChain() throws {
        let space = try Workspace()
        try space.write("a.yaml", "extends: b.yaml\ninventory: inv\nyears: [2020, 2030]\n")
        try space.write("b.yaml", "title: B\nextends: a.yaml\n")
        let result = space.load("a.yaml")
        #expect(result.scenario == nil)
        #expect(result.errors.count == 1, "\(result.errorMessages)")
        let error = try #require(result.errors.first)
        let (a, b) = (space.path("a.yaml"), space.path("b.yaml"))
        #expect(error.message.en == "'extends' makes a cycle: \(a) → \(b) → \(a)")
        #expect(error.message.zh == "'extends' 形成循环继承：\(a) → \(b) → \(a)")
        #expect(error.location == SourceLocation(file: b, line: 2, column: 10))
        #expect(error.sourceLine == "extends: a.yaml")
    }

    @Test func aFileThatExtendsItself() throws {
        let space = try Workspace()
        let result = try space.load("self.yaml", text: header + "extends: ./self.yaml\n")
        let file = space.path("self.yaml")
        #expect(result.errorMessages == ["'extends' makes a cycle: \(file) → \(file)"])
        #expect(result.errors.first?.location == SourceLocation(file: file, line: 3, column: 10))
    }

    @Test func aFileThatImportsItselfOrItsParent() throws {
        let space = try Workspace()
        try space.write("p.yaml", header)
        let result = try space.load("c.yaml", text: "extends: p.yaml\nimport: [m.yaml, c.yaml]\n")
        // m.yaml is missing; c.yaml is a cycle.
        #expect(result.errors.count == 2, "\(result.errorMessages)")
        #expect(result.errors[0].message.en.hasPrefix("cannot read 'm.yaml': no such file (looked for "))
        #expect(result.errors[0].location?.column == 10)
        #expect(
            result.errors[1].message.en == "'import' makes a cycle: \(space.path("c.yaml")) → \(space.path("c.yaml"))")
        #expect(result.errors[1].location?.column == 18)
    }

    @Test func aMissingParentIsReportedWhereItIsNamed() throws {
        let space = try Workspace()
        let result = try space.load("c.yaml", text: "title: x\nextends: nowhere.yaml\nremove: [a]\n")
        // Only the unreadable parent: no "no inventory", "no years", or "cannot remove".
        #expect(result.errors.count == 1, "\(result.errorMessages)")
        #expect(result.errors[0].location == SourceLocation(file: space.path("c.yaml"), line: 2, column: 10))
        #expect(result.errors[0].message.zh.hasPrefix("无法读取 'nowhere.yaml'：文件不存在"))
    }

    @Test func removeOfAnUnknownIdSuggestsTheNearest() throws {
        let space = try planSpace()
        let result = try space.load("r.yaml", text: "extends: baseline.yaml\nremove: [b, cc, b]\n")
        #expect(
            result.errorMessages == [
                "cannot remove 'cc': \(space.path("baseline.yaml")) (with the files it extends) has no measure with this id",
                "'b' is listed twice in 'remove'",
            ])
        #expect(result.errors.map { $0.location?.column } == [13, 17])
        #expect(result.errors[0].suggestion == "c")
    }

    @Test func removeWithoutAParentOrOfARedefinedMeasure() throws {
        let space = try planSpace()
        let orphan = try space.load("o.yaml", text: header + "remove: [a]\n")
        #expect(orphan.errorMessages.first?.hasPrefix("cannot remove 'a': this file extends no scenario") == true)
        let both = try space.load(
            "x.yaml",
            text: """
                extends: baseline.yaml
                measures:
                  - {id: a, kind: scale, select: {sector: power}, factor: 0.5}
                remove: [a]
                """)
        #expect(both.errors.count == 1)
        #expect(both.errors.first?.message.en.hasPrefix("measure 'a' is both removed and redefined") == true)
        #expect(both.errors.first?.location?.line == 4)
    }

    @Test func measureIdsMustBeUniqueAcrossAFileAndItsImports() throws {
        let space = try planSpace()
        let result = try space.load(
            "d.yaml",
            text: header + """
                import: measures/power.yaml
                measures:
                  - {id: a, kind: scale, select: {sector: power}, factor: 0.5}
                  - {id: z, kind: scale, select: {sector: power}, factor: 0.5}
                  - {id: z, kind: scale, select: {sector: power}, factor: 0.4}
                """)
        let power = space.path("measures/power.yaml")
        #expect(
            result.errorMessages == [
                "duplicate measure id 'a' (first defined at \(power):2:10)",
                "duplicate measure id 'z' (first defined at \(space.path("d.yaml")):6:10)",
            ])
        #expect(result.errors.map { $0.location?.line } == [5, 7])
    }

    @Test func anImportedFileHoldsOnlyDriversAndMeasures() throws {
        let space = try Workspace()
        try space.write("m.yaml", "inventory: inv\nmeasurs: []\n")
        let result = try space.load(text: header + "import: [m.yaml]\n")
        #expect(result.errors.count == 2)
        #expect(
            result.errors[0].message.en
                == "unknown key 'inventory' in the imported file (an imported file may hold only 'drivers' and 'measures', besides 'title' and 'description')"
        )
        #expect(result.errors[1].suggestion == "measures")
        #expect(result.errors.allSatisfy { $0.location?.file == space.path("m.yaml") })
    }

    @Test func aTargetsFileHoldsOnlyTargets() throws {
        let space = try Workspace()
        try space.write("t.yaml", "targets: []\nyears: [2020, 2025]\n")
        let result = try space.load(text: header + "targets: t.yaml\n")
        #expect(result.errors.count == 1)
        #expect(result.errors[0].location == SourceLocation(file: space.path("t.yaml"), line: 2, column: 1))
        #expect(
            result.errors[0].message.en.hasSuffix(
                "(a targets file may hold only 'targets', besides 'title' and 'description')"))
    }

    /// A child that shortens `years` keeps its parent's measures, even those that phase in
    /// past its horizon; a measure that starts after the last year only earns a warning.
    @Test func shorterYearsInAChildKeepTheParentsMeasures() throws {
        let space = try Workspace()
        try space.write(
            "p.yaml",
            header + "measures:\n  - {id: late, kind: scale, select: {sector: power}, factor: 0, start: 2028}\n"
                + "  - {id: half, kind: scale, select: {sector: power}, factor: 0, start: 2024, full: 2027}\n")
        let result = try space.load("c.yaml", text: "extends: p.yaml\nyears: [2020, 2025]\n")
        #expect(result.errorMessages == [])
        #expect(
            result.diagnostics.items.map(\.message.en)
                == [
                    "measure 'late' starts in 2028, after the scenario's last year 2025: it has no effect within the horizon"
                ])
        #expect(
            result.diagnostics.items.first?.location == SourceLocation(file: space.path("p.yaml"), line: 4, column: 72))
        let measures = try #require(result.scenario?.measures)
        #expect(measures.map(\.id) == ["late", "half"])
        #expect(measures[1].start == 2024 && measures[1].full == 2027)
    }
}
