import CLibCrypto
import Foundation

/// Returns the SHA-256 of the file at `path` as lower-case hex, through libcrypto's `EVP_Digest`.
func sha256Hex(ofFile path: String) throws -> String {
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
  var length: UInt32 = 0
  let status = data.withUnsafeBytes { bytes in
    EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha256(), nil)
  }
  precondition(status == 1, "EVP_Digest failed")
  return digest.prefix(Int(length)).map { byte in
    let hex = String(byte, radix: 16)
    return hex.count == 1 ? "0" + hex : hex
  }.joined()
}
