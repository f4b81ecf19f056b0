import Testing

@testable import Scenarios

@Test func phaseInFollowsTheModel() {
    let m = Measure(id: "m", kind: .scale(factor: 0), select: nil, start: 2021, full: 2023)
    #expect(m.phase(2020) == 0)
    #expect(m.phase(2021) == 1.0 / 3)
    #expect(m.phase(2022) == 2.0 / 3)
    #expect(m.phase(2023) == 1)
    #expect(m.phase(2030) == 1)
}
