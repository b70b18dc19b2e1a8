import CSnappy

/// Snappy's block format through Debian's libsnappy (`libsnappy-dev`, C API `snappy-c.h`):
/// the compression the remote-write 1.0 spec requires of every request body.
///
/// Why this library and this format: the spec says block format, not the framed (stream)
/// format, and a receiver (Prometheus' `snappy.Decode`) refuses the other; Debian ships the
/// reference implementation, so there is no second compressor to trust, and a systemLibrary
/// target links it as the dashboard links ncurses. A request body is at most a few hundred
/// kilobytes, so one call each way on the whole buffer is enough.
///
/// ```swift
/// let body = Snappy.compress(bytes)
/// try Snappy.uncompress(body) == bytes   // true
/// ```
public enum Snappy {
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        guard !input.isEmpty else { return [0] }   // the block of no bytes: its length, 0, as a varint
        var length = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                snappy_compress(source.baseAddress?.assumingMemoryBound(to: CChar.self), source.count,
                                target.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        // snappy_compress fails only when the output buffer is too small, and it is the
        // library's own bound; a failure would be a broken libsnappy.
        precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of its own maximum length")
        output.removeSubrange(length...)
        return output
    }

    /// The original bytes, or `SnappyError.invalid` for input that is not a snappy block.
    public static func uncompress(_ input: [UInt8]) throws(SnappyError) -> [UInt8] {
        guard !input.isEmpty else { throw .invalid }
        let output = input.withUnsafeBytes { source -> [UInt8]? in
            let inp = source.baseAddress?.assumingMemoryBound(to: CChar.self)
            var length = 0
            guard snappy_uncompressed_length(inp, source.count, &length) == SNAPPY_OK,
                  snappy_validate_compressed_buffer(inp, source.count) == SNAPPY_OK else { return nil }
            guard length > 0 else { return [] }
            var output = [UInt8](repeating: 0, count: length)
            let status = output.withUnsafeMutableBytes { target in
                snappy_uncompress(inp, source.count, target.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
            }
            return status == SNAPPY_OK ? output : nil
        }
        guard let output else { throw .invalid }
        return output
    }
}

/// Bytes that are not a snappy block.
public enum SnappyError: Error, Equatable {
    case invalid
}
