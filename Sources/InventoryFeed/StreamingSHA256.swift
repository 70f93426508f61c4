import CLibCrypto

/// A SHA-256 digest fed piece by piece through libcrypto's EVP interface.
///
/// Not thread-safe: one writer feeds it and then reads `finish()` once.
final class StreamingSHA256 {
  private let context: OpaquePointer

  /// Fails only when libcrypto cannot allocate or set up a context.
  init?() {
    guard let context = EVP_MD_CTX_new() else { return nil }
    guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
      EVP_MD_CTX_free(context)
      return nil
    }
    self.context = context
  }

  deinit {
    EVP_MD_CTX_free(context)
  }

  /// Adds `bytes` to the digest and returns false when libcrypto fails.
  func update(_ bytes: UnsafeRawBufferPointer) -> Bool {
    guard !bytes.isEmpty else { return true }
    return EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1
  }

  /// Returns the digest as 64 lowercase hex digits, or nil when libcrypto fails.
  func finish() -> String? {
    var bytes = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    guard EVP_DigestFinal_ex(context, &bytes, &length) == 1 else { return nil }

    let hexDigits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(Int(length) * 2)
    for byte in bytes.prefix(Int(length)) {
      text.append(hexDigits[Int(byte >> 4)])
      text.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
