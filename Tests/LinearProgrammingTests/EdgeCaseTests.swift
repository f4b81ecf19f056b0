import LinearAlgebra
import LinearProgramming
// Empty shapes, validation, the solver's parameters and statuses other than
// optimal/infeasible: every input-dependent problem is a typed error or a
// status, never a trap.
import Testing

@Suite("Empty shapes and validation")
struct EdgeCaseTests {
    @Test func noRowsTakesTheCheaperBound() throws {
        let lp = try LinearProgram(
            objective: [2, -1, 0, -3], constraints: Matrix(rows: 0, columns: 4), lowerBounds: [],
            upperBounds: [1, 2, 3, 0.5])
        let s = InteriorPointSolver().solve(lp)
        #expect(s.status == .optimal)
        #expect(s.x == [0, 2, 0, 0.5])
        #expect(s.objective == -3.5)
        #expect(s.duals.isEmpty && s.shortfalls.isEmpty)
        #expect(s.iterations == 0)
    }

    @Test func noVariablesFeasibleWhenHIsNotPositive() throws {
        let lp = try LinearProgram(objective: [], constraints: Matrix(rows: 2, columns: 0), lowerBounds: [0, -1])
        let s = InteriorPointSolver().solve(lp)
        #expect(s.status == .optimal)
        #expect(s.x.isEmpty && s.objective == 0)
        #expect(s.duals == [0, 0] && s.shortfalls == [0, 0])
    }

    @Test func nothingAtAll() throws {
        let lp = try LinearProgram(objective: [], constraints: Matrix(rows: 0, columns: 0), lowerBounds: [])
        let s = InteriorPointSolver().solve(lp)
        #expect(s.status == .optimal && s.x.isEmpty && s.objective == 0)
    }

    @Test func upperBoundsDefaultToOne() throws {
        let lp = try LinearProgram(objective: [-1, 1], constraints: Matrix(rows: 0, columns: 2), lowerBounds: [])
        #expect(lp.upperBounds == [1, 1])
        #expect(lp.variableCount == 2 && lp.constraintCount == 0)
        #expect(InteriorPointSolver().solve(lp).x == [1, 0])
    }

    @Test func shapesAreChecked() throws {
        let g = Matrix(rows: 2, columns: 3)
        #expect(throws: LinearProgramError.self) {
            try LinearProgram(objective: [1, 2], constraints: g, lowerBounds: [0, 0])
        }
        #expect(throws: LinearProgramError.self) {
            try LinearProgram(objective: [1, 2, 3], constraints: g, lowerBounds: [0])
        }
        #expect(throws: LinearProgramError.self) {
            try LinearProgram(objective: [1, 2, 3], constraints: g, lowerBounds: [0, 0], upperBounds: [1, 1])
        }
        do {
            _ = try LinearProgram(objective: [1, 2], constraints: g, lowerBounds: [0, 0])
        } catch {
            guard case .dimensionMismatch = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains("2×3"))
        }
    }

    @Test func valuesAreChecked() throws {
        let g = try Matrix(rows: [[1, 2], [3, .infinity]])
        #expect(throws: LinearProgramError.nonFiniteValue(argument: "constraints[1, 1]", index: 3)) {
            try LinearProgram(objective: [1, 2], constraints: g, lowerBounds: [0, 0])
        }
        let good = try Matrix(rows: [[1, 2], [3, 4]])
        #expect(throws: LinearProgramError.nonFiniteValue(argument: "objective", index: 1)) {
            try LinearProgram(objective: [1, .nan], constraints: good, lowerBounds: [0, 0])
        }
        #expect(throws: LinearProgramError.nonFiniteValue(argument: "lowerBounds", index: 0)) {
            try LinearProgram(objective: [1, 2], constraints: good, lowerBounds: [-.infinity, 0])
        }
        #expect(throws: LinearProgramError.nonFiniteValue(argument: "upperBounds", index: 0)) {
            try LinearProgram(objective: [1, 2], constraints: good, lowerBounds: [0, 0], upperBounds: [.infinity, 1])
        }
        #expect(throws: LinearProgramError.upperBoundNotPositive(variable: 1, value: 0)) {
            try LinearProgram(objective: [1, 2], constraints: good, lowerBounds: [0, 0], upperBounds: [1, 0])
        }
        #expect(throws: LinearProgramError.upperBoundNotPositive(variable: 0, value: -1)) {
            try LinearProgram(objective: [1, 2], constraints: good, lowerBounds: [0, 0], upperBounds: [-1, 1])
        }
    }

    @Test func programChangedAfterInitIsRefusedBySolve() throws {
        var lp = try LinearProgram(objective: [1, 2], constraints: Matrix(rows: 1, columns: 2), lowerBounds: [0])
        lp.lowerBounds.append(1)  // now h has 2 elements, G has 1 row
        #expect(throws: LinearProgramError.self) { try lp.validate() }
        let s = InteriorPointSolver().solve(lp)
        #expect(s.status == .numericalTrouble)
        #expect(s.x == [0, 0] && s.duals == [0, 0] && s.primalResidual == .infinity)

        var nan = try LinearProgram(
            objective: [1], constraints: Matrix(rows: 1, columns: 1, repeating: 1), lowerBounds: [0])
        nan.objective[0] = .nan
        #expect(InteriorPointSolver().solve(nan).status == .numericalTrouble)
    }

    @Test func iterationLimitIsReported() throws {
        let p = TextbookTests.wyndorProgram
        var solver = InteriorPointSolver()
        solver.maxIterations = 1
        let s = try solve(p, solver)
        #expect(s.status == .iterationLimit)
        #expect(s.iterations == 1)
        #expect(s.x.count == 2 && s.x.allSatisfy { $0 >= 0 && $0 <= 10 })
        solver.maxIterations = 0
        #expect(try solve(p, solver).status == .iterationLimit)
        solver.maxIterations = -5
        #expect(try solve(p, solver).iterations == 0)
    }

    @Test func toleranceIsClampedNotTrusted() throws {
        let p = TextbookTests.wyndorProgram
        for tolerance in [Double.nan, 0, -1, 1e-30, 1, .infinity] {
            let s = try solve(p, InteriorPointSolver(tolerance: tolerance, maxIterations: 200))
            #expect(s.status == .optimal, "tolerance \(tolerance)")
            expectClose(s.objective, -36, relative: 1e-1, "tolerance \(tolerance)")
        }
        // A looser tolerance stops earlier; a tighter one is still reached.
        let loose = try solve(p, InteriorPointSolver(tolerance: 1e-4))
        let tight = try solve(p, InteriorPointSolver(tolerance: 1e-12))
        #expect(loose.iterations <= tight.iterations)
        #expect(tight.status == .optimal)
        expectClose(tight.objective, -36, relative: 1e-10, "tight")
    }

    @Test func solutionIsASendableValue() async throws {
        // Solving from several tasks at once gives identical answers.
        let lp = try TextbookTests.wyndorProgram.linearProgram()
        let solver = InteriorPointSolver()
        let results = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<4 { group.addTask { solver.solve(lp).x } }
            var all: [[Double]] = []
            for await x in group { all.append(x) }
            return all
        }
        #expect(results.allSatisfy { $0 == results[0] })
    }
}

extension TextbookTests {
    static let wyndorProgram = DenseProgram(
        c: [-3, -5], g: [[-1, 0], [0, -2], [-3, -2]], h: [-4, -12, -18], u: [10, 10])
}
