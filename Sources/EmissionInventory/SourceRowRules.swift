/// The rules of a source row that both the CSV sources table and a source row written in a
/// scenario (`add.source`, an inline `substitute.to`) follow (Docs/reference/inventory.md).
/// Pure functions: callers turn a `Problem` into a diagnostic at the cell or key concerned.
/// Nothing here allocates, so the CSV reader can call it once per row and pollutant.
public enum SourceRowRules {
    /// What is wrong with a row's pollutant columns.
    public enum Problem: Error, Sendable, Equatable {
        /// `<P>` and `<P>.ef` both given.
        case emissionAndFactor
        /// `<P>` > 0 with activity 0: k would be infinite.
        case emissionWithoutActivity
    }

    /// Which of `<P>` and `<P>.ef` a row gives for one pollutant.
    public enum Basis: Sendable, Equatable {
        case none, emission, factor
    }

    /// Both given is a problem; otherwise the one given (checked before the values are read).
    @inlinable
    public static func basis(hasEmission: Bool, hasFactor: Bool) -> Result<Basis, Problem> {
        switch (hasEmission, hasFactor) {
        case (true, true): .failure(.emissionAndFactor)
        case (true, false): .success(.emission)
        case (false, true): .success(.factor)
        case (false, false): .success(.none)
        }
    }

    /// Unabated intensity k (t per activity unit) from an emission factor in kg per activity
    /// unit: `k = ef / 1000`.
    @inlinable
    public static func intensity(factor kilograms: Double) -> Double { kilograms / 1000 }

    /// Unabated intensity k from base-year emissions E0 (t), activity A0 and removal
    /// efficiency η0 ∈ [0, 1): `k = E0 / (A0 · (1 − η0))`; E0 = 0 gives k = 0, E0 > 0 with
    /// A0 = 0 is a problem.
    @inlinable
    public static func intensity(emission tonnes: Double, activity: Double, efficiency: Double) -> Result<
        Double, Problem
    > {
        if tonnes == 0 { return .success(0) }
        if activity == 0 { return .failure(.emissionWithoutActivity) }
        return .success(tonnes / (activity * (1 - efficiency)))
    }

    /// `fossil` as read (nil when not written), given whether `energy_tce` is: defaults to
    /// true with `energy_tce`; without it there is no energy use to classify (nil).
    @inlinable
    public static func fossil(_ written: Bool?, hasEnergy: Bool) -> Bool? {
        hasEnergy ? (written ?? true) : nil
    }

    // MARK: - Ids, sectors

    /// `[A-Za-z0-9_.-]` on bytes (the CSV hot path); an empty id is the caller's concern.
    @inlinable
    public static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == 0x5F || c == 0x2E || c == 0x2D
    }

    /// Whether every byte may be part of an id.
    @inlinable
    public static func isValidID(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
        id.allSatisfy(isIDByte)
    }

    /// Segments joined by `/`, none empty or only spaces and tabs (on bytes).
    @inlinable
    public static func isValidSector(_ sector: UnsafeBufferPointer<UInt8>) -> Bool {
        var segmentHasText = false
        for c in sector {
            if c == 0x2F {
                if !segmentHasText { return false }
                segmentHasText = false
            } else if c != 0x20 && c != 0x09 {
                segmentHasText = true
            }
        }
        return segmentHasText
    }
}

/// Identifiers of sources, measures and targets: `[A-Za-z0-9_.-]+`. The same rule as the
/// CSV reader's byte check (`SourceRowRules.isValidID`), on which it is built.
public func isValidID(_ id: String) -> Bool {
    var id = id
    return !id.isEmpty && id.withUTF8 { SourceRowRules.isValidID($0) }
}

/// A sector path: segments joined by `/`, none empty or only spaces. The same rule as the
/// CSV reader's byte check (`SourceRowRules.isValidSector`), on which it is built.
public func isValidSector(_ sector: String) -> Bool {
    var sector = sector
    return sector.withUTF8 { SourceRowRules.isValidSector($0) }
}

/// `folder/name`, without a leading `./` when `folder` is empty; absolute names are kept.
/// Diagnostics then name files as the user would (`Scenarios/baseline.yaml`).
public func joinPath(_ folder: String, _ name: String) -> String {
    if name.hasPrefix("/") || folder.isEmpty || folder == "." { return name }
    return folder.hasSuffix("/") ? folder + name : folder + "/" + name
}

/// The folder part of a path as written (`Scenarios/plan.yaml` → `Scenarios`).
public func folderOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    if slash == path.startIndex { return "/" }
    return String(path[..<slash])
}
