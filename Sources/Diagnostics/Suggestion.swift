/// "Did you mean …?": the known name nearest to a misspelt one.
public enum Suggestion {
    /// The candidate with the smallest case-insensitive edit distance to `name`, if that
    /// distance is small enough to be a plausible typo: at most `max(1, length / 3)` edits
    /// (a transposition of two neighbours counts as one edit).
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        // No name of the formats is this long: a longer one is no misspelling of any.
        guard name.unicodeScalars.count <= 64 else { return nil }
        let target = Array(name.lowercased().unicodeScalars)
        let budget = max(1, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            // The distance is at least the difference in length.
            guard abs(other.count - target.count) <= budget else { continue }
            let distance = editDistance(target, other)
            if distance <= budget, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    public static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
