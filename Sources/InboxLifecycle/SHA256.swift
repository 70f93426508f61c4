import CLibCrypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Computes SHA-256 digests with libcrypto's EVP interface, as lowercase hex.
package enum SHA256 {
  /// The read size for files: 1 MiB keeps memory flat for exports of any size.
  package static let defaultChunkSize = 1 << 20

  /// Returns the SHA-256 of `data`.
  package static func hex(of data: Data) throws -> String {
    let digest = try Digest(path: "<memory>")
    try data.withUnsafeBytes { try digest.update($0) }
    return try digest.finish()
  }

  /// Returns the SHA-256 of the file at `path`, read `chunkSize` bytes at a time.
  ///
  /// - Throws: `InboxLifecycleError.readFailed` when the file cannot be opened or read, and
  ///   `.digestFailed` when libcrypto fails.
  package static func hex(ofFileAt path: String, chunkSize: Int = defaultChunkSize) throws
    -> String
  {
    precondition(chunkSize > 0, "chunkSize must be positive")
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw InboxLifecycleError.readFailed(path: path, errno: errno) }
    defer { _ = close(descriptor) }

    let digest = try Digest(path: path)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }

    while true {
      let count = read(descriptor, buffer.baseAddress, chunkSize)
      if count < 0 {
        if errno == EINTR { continue }
        throw InboxLifecycleError.readFailed(path: path, errno: errno)
      }
      if count == 0 { break }
      try digest.update(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
    return try digest.finish()
  }

  /// Returns whether `text` is 64 hex digits.
  package static func isDigest(_ text: String) -> Bool {
    text.utf8.count == 64 && text.utf8.allSatisfy { isHexDigit($0) }
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
  }
}

/// One `EVP_MD_CTX` set up for SHA-256, freed in `deinit`.
private final class Digest {
  let path: String
  private let context: OpaquePointer

  init(path: String) throws {
    self.path = path
    guard let context = EVP_MD_CTX_new() else {
      throw InboxLifecycleError.digestFailed(path: path, function: "EVP_MD_CTX_new")
    }
    self.context = context
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
      throw InboxLifecycleError.digestFailed(path: path, function: "EVP_DigestInit_ex")
    }
  }

  deinit {
    EVP_MD_CTX_free(context)
  }

  func update(_ bytes: UnsafeRawBufferPointer) throws {
    guard !bytes.isEmpty else { return }
    guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else {
      throw InboxLifecycleError.digestFailed(path: path, function: "EVP_DigestUpdate")
    }
  }

  func finish() throws -> String {
    var bytes = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &bytes, &length) == 1 else {
      throw InboxLifecycleError.digestFailed(path: path, function: "EVP_DigestFinal_ex")
    }
    return bytes.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
  }
}
