import Glibc

/// A regular file mapped read-only into memory, for reading a large table once, in order,
/// without copying it.
///
/// The mapping is private and never written. `release` lets the kernel take back the pages
/// already read, so that a 400 MB table does not stay in the process's memory while its
/// columns are built; a released page that is touched again is simply read again from the
/// file (the page cache).
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes (empty for an empty file, which is not mapped).
    public let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private let pageSize: Int

    /// Maps the file at `path`; nil (with `errno` set) when it cannot be opened or mapped.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        length = Int(status.st_size)
        pageSize = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))
        guard length > 0 else {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        base = mapped
        bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
    }

    deinit {
        if let base { munmap(base, length) }
    }

    /// Gives back the memory of the whole pages inside `range` (byte offsets); the bytes
    /// stay readable. Only advice: nothing happens where the kernel declines.
    public func release(_ range: Range<Int>) {
        guard let base else { return }
        let start = (max(0, range.lowerBound) + pageSize - 1) / pageSize * pageSize
        let end = min(length, range.upperBound) / pageSize * pageSize
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }
}
