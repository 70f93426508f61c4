/// Writes small OLE2 compound files ([MS-CFB]) for the detection tests: a header, one FAT
/// sector and a directory, with streams of no content.
struct CompoundFileBuilder {
  /// One directory entry; `type` is 1 for a storage, 2 for a stream, 5 for the root.
  struct Entry {
    var name: String
    var type: UInt8
    var left: UInt32 = 0xFFFF_FFFF
    var right: UInt32 = 0xFFFF_FFFF
    var child: UInt32 = 0xFFFF_FFFF
  }

  static let endOfChain: UInt32 = 0xFFFF_FFFE
  static let freeSector: UInt32 = 0xFFFF_FFFF

  /// Version 3 files have 512-byte sectors, version 4 files 4096-byte sectors.
  var majorVersion: UInt16 = 3
  var entries: [Entry]

  var sectorSize: Int { majorVersion == 4 ? 4096 : 512 }

  /// Creates a file whose root storage contains `names` as streams, linked as right siblings.
  init(streams names: [String], majorVersion: UInt16 = 3) {
    self.majorVersion = majorVersion
    var root = Entry(name: "Root Entry", type: 5)
    if !names.isEmpty { root.child = 1 }
    entries = [root]
    for (index, name) in names.enumerated() {
      var entry = Entry(name: name, type: 2)
      if index + 1 < names.count { entry.right = UInt32(index + 2) }
      entries.append(entry)
    }
  }

  /// Returns the bytes: the header, the FAT in sector 0, the directory from sector 1 on.
  func bytes() -> [UInt8] {
    let entriesPerSector = sectorSize / 128
    let directorySectors = max(1, (entries.count + entriesPerSector - 1) / entriesPerSector)

    var header = [UInt8](repeating: 0, count: sectorSize)
    header.replaceSubrange(0..<8, with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    put16(0x003E, in: &header, at: 24)
    put16(majorVersion, in: &header, at: 26)
    put16(0xFFFE, in: &header, at: 28)
    put16(majorVersion == 4 ? 12 : 9, in: &header, at: 30)
    put16(6, in: &header, at: 32)
    put32(majorVersion == 4 ? UInt32(directorySectors) : 0, in: &header, at: 40)
    put32(1, in: &header, at: 44)
    put32(1, in: &header, at: 48)
    put32(4096, in: &header, at: 56)
    put32(Self.endOfChain, in: &header, at: 60)
    put32(Self.endOfChain, in: &header, at: 68)
    put32(0, in: &header, at: 76)
    for index in 1..<109 { put32(Self.freeSector, in: &header, at: 76 + 4 * index) }

    var fat = [UInt8](repeating: 0xFF, count: sectorSize)
    put32(0xFFFF_FFFD, in: &fat, at: 0)
    for sector in 1...directorySectors {
      let next = sector == directorySectors ? Self.endOfChain : UInt32(sector + 1)
      put32(next, in: &fat, at: 4 * sector)
    }

    var directory = [UInt8](repeating: 0, count: directorySectors * sectorSize)
    for (index, entry) in entries.enumerated() {
      let base = index * 128
      let units = Array(entry.name.utf16.prefix(31))
      for (position, unit) in units.enumerated() {
        put16(unit, in: &directory, at: base + 2 * position)
      }
      put16(UInt16(2 * units.count + 2), in: &directory, at: base + 64)
      directory[base + 66] = entry.type
      directory[base + 67] = 1
      put32(entry.left, in: &directory, at: base + 68)
      put32(entry.right, in: &directory, at: base + 72)
      put32(entry.child, in: &directory, at: base + 76)
      put32(Self.endOfChain, in: &directory, at: base + 116)
    }
    // Unused entries in the last sector have no siblings or children.
    for index in entries.count..<(directorySectors * entriesPerSector) {
      for offset in [68, 72, 76] {
        put32(Self.freeSector, in: &directory, at: index * 128 + offset)
      }
    }
    return header + fat + directory
  }
}

/// Stores `value` little-endian at `offset`.
func put16(_ value: UInt16, in bytes: inout [UInt8], at offset: Int) {
  bytes[offset] = UInt8(value & 0xFF)
  bytes[offset + 1] = UInt8(value >> 8)
}

/// Stores `value` little-endian at `offset`.
func put32(_ value: UInt32, in bytes: inout [UInt8], at offset: Int) {
  for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
}
