import EmissionInventory

/// The tests' seeded generator: the same SplitMix64 that `emis synth` uses, with the helpers
/// tests want. No test uses unseeded randomness.
public typealias SeededGenerator = SplitMix64

extension SplitMix64 {
    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double { uniform() }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// Uniform integer in `range`.
    public mutating func integer(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
