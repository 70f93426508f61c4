/// The names of the streams and storages at the top of an OLE2 compound file ([MS-CFB]).
///
/// The reader follows the header, the DIFAT, the FAT and the directory's sector chain. It checks
/// every sector number against the file size, every chain for loops, and caps every count, so a
/// truncated or hostile file ends in `Failure`, not in a crash, a hang or a read outside the file.
struct CompoundFileDirectory {
  /// A reason the compound file cannot be read, in words for the error message.
  struct Failure: Error, Equatable {
    let reason: String
  }

  /// The entry names directly under the root storage, in the directory tree's order.
  private(set) var rootEntryNames: [String] = []

  static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  /// The maximum number of directory sectors read. Office files use a handful, and 1 << 14
  /// sectors contain at least 65,536 entries.
  static let maximumDirectorySectors = 1 << 14
  /// The maximum number of root-level entries visited in the directory's red-black tree.
  static let maximumRootEntries = 1 << 16

  private static let endOfChain: UInt32 = 0xFFFF_FFFE
  private static let noStream: UInt32 = 0xFFFF_FFFF
  private static let headerDIFATCount = 109
  private static let entrySize = 128

  private let file: ReadOnlyFile
  private let sectorSize: Int
  private let sectorCount: UInt32
  private let headerDIFAT: [UInt32]
  private let difatSectors: [UInt32]
  private var fatCache: [UInt32: [UInt32]] = [:]

  /// Reads the header, the DIFAT chain and the directory of `file`.
  ///
  /// - Throws: `Failure` for a header that is no compound file header, a chain that leaves the
  ///   file, loops or ends early, and a file cut off before its directory.
  init(file: ReadOnlyFile) throws(Failure) {
    let header = try Self.read(file, count: 512, at: 0, what: "the header")
    guard header.starts(with: Self.signature) else {
      throw Failure(reason: "the signature is missing")
    }
    guard uint16(header, 28) == 0xFFFE else {
      throw Failure(reason: "the byte order mark of the header is not 0xFFFE")
    }

    let majorVersion = uint16(header, 26)
    let sectorShift = uint16(header, 30)
    guard (majorVersion == 3 && sectorShift == 9) || (majorVersion == 4 && sectorShift == 12)
    else {
      throw Failure(
        reason: "version \(majorVersion) with sector shift \(sectorShift) is not a valid pair")
    }

    self.file = file
    sectorSize = 1 << Int(sectorShift)
    let sectorsAfterHeader =
      max(0, (file.size - Int64(sectorSize) + Int64(sectorSize) - 1))
      / Int64(sectorSize)
    sectorCount = UInt32(clamping: sectorsAfterHeader)
    headerDIFAT = (0..<Self.headerDIFATCount).map { uint32(header, 76 + 4 * $0) }

    let firstDIFATSector = uint32(header, 68)
    let difatSectorCount = uint32(header, 72)
    difatSectors = try Self.readDIFATChain(
      file: file, first: firstDIFATSector, count: difatSectorCount, sectorSize: sectorSize,
      sectorCount: sectorCount)

    let firstDirectorySector = uint32(header, 48)
    rootEntryNames = try readRootEntryNames(firstDirectorySector: firstDirectorySector)
  }

  /// Follows the DIFAT sectors, which list the FAT sectors past the first 109.
  private static func readDIFATChain(
    file: ReadOnlyFile, first: UInt32, count: UInt32, sectorSize: Int, sectorCount: UInt32
  ) throws(Failure) -> [UInt32] {
    guard count > 0 else { return [] }
    guard count <= sectorCount else {
      throw Failure(reason: "the header counts \(count) DIFAT sectors in a file of \(sectorCount)")
    }

    var sectors: [UInt32] = []
    var visited = Set<UInt32>()
    var sector = first
    while sectors.count < Int(count) {
      guard sector < sectorCount else {
        throw Failure(reason: "DIFAT sector \(sector) lies past the end of the file")
      }
      guard visited.insert(sector).inserted else {
        throw Failure(reason: "the DIFAT chain loops at sector \(sector)")
      }
      sectors.append(sector)
      let bytes = try read(
        file, count: sectorSize, at: Int64(sector + 1) * Int64(sectorSize), what: "a DIFAT sector")
      sector = uint32(bytes, sectorSize - 4)
    }
    return sectors
  }

  /// Returns the sector that follows `sector` in its chain, from the FAT.
  private mutating func nextSector(after sector: UInt32) throws(Failure) -> UInt32 {
    let entriesPerSector = UInt32(sectorSize / 4)
    let fatIndex = Int(sector / entriesPerSector)
    let fatSector = try locationOfFATSector(at: fatIndex)

    if fatCache[fatSector] == nil {
      // A hostile chain could touch every FAT sector; keeping a few bounds the memory.
      if fatCache.count >= 64 { fatCache.removeAll(keepingCapacity: true) }
      let bytes = try Self.read(
        file, count: sectorSize, at: Int64(fatSector + 1) * Int64(sectorSize), what: "a FAT sector")
      fatCache[fatSector] = (0..<Int(entriesPerSector)).map { uint32(bytes, 4 * $0) }
    }
    return fatCache[fatSector]![Int(sector % entriesPerSector)]
  }

  /// Returns where the FAT sector at position `index` of the FAT lies, from the DIFAT.
  private func locationOfFATSector(at index: Int) throws(Failure) -> UInt32 {
    let location: UInt32
    if index < Self.headerDIFATCount {
      location = headerDIFAT[index]
    } else {
      let perDIFATSector = sectorSize / 4 - 1
      let position = index - Self.headerDIFATCount
      let difatIndex = position / perDIFATSector
      guard difatIndex < difatSectors.count else {
        throw Failure(reason: "FAT sector \(index) is not listed in the DIFAT")
      }
      let bytes = try Self.read(
        file, count: sectorSize, at: Int64(difatSectors[difatIndex] + 1) * Int64(sectorSize),
        what: "a DIFAT sector")
      location = uint32(bytes, 4 * (position % perDIFATSector))
    }
    guard location < sectorCount else {
      throw Failure(reason: "FAT sector \(index) is listed at sector \(location), past the end")
    }
    return location
  }

  /// Reads the directory sectors and walks the root storage's tree of children.
  private mutating func readRootEntryNames(
    firstDirectorySector: UInt32
  ) throws(Failure) -> [String] {
    let chain = try directoryChain(from: firstDirectorySector)
    let entriesPerSector = sectorSize / Self.entrySize
    let entryCount = chain.count * entriesPerSector

    let root = try entry(at: 0, chain: chain)
    guard root.type == 5 else {
      throw Failure(reason: "the first directory entry is not the root storage")
    }

    var names: [String] = []
    var visited = Set<UInt32>()
    var pending: [UInt32] = [root.child]
    while let id = pending.popLast() {
      guard id != Self.noStream else { continue }
      guard Int(id) < entryCount else {
        throw Failure(reason: "directory entry \(id) lies past the end of the directory")
      }
      guard visited.insert(id).inserted else {
        throw Failure(reason: "the directory tree loops at entry \(id)")
      }
      guard visited.count <= Self.maximumRootEntries else {
        throw Failure(reason: "the root storage has more than \(Self.maximumRootEntries) entries")
      }
      let child = try entry(at: Int(id), chain: chain)
      if child.type == 1 || child.type == 2 {
        names.append(child.name)
      }
      pending.append(child.right)
      pending.append(child.left)
    }
    return names
  }

  /// Returns the sectors of the directory stream in order.
  private mutating func directoryChain(from first: UInt32) throws(Failure) -> [UInt32] {
    var chain: [UInt32] = []
    var visited = Set<UInt32>()
    var sector = first
    while sector != Self.endOfChain {
      guard sector < sectorCount else {
        throw Failure(reason: "directory sector \(sector) lies past the end of the file")
      }
      guard visited.insert(sector).inserted else {
        throw Failure(reason: "the directory chain loops at sector \(sector)")
      }
      guard chain.count < Self.maximumDirectorySectors else {
        throw Failure(reason: "the directory has more than \(chain.count) sectors")
      }
      chain.append(sector)
      sector = try nextSector(after: sector)
    }
    guard !chain.isEmpty else {
      throw Failure(reason: "the directory is empty")
    }
    return chain
  }

  private struct Entry {
    let name: String
    let type: UInt8
    let left: UInt32
    let right: UInt32
    let child: UInt32
  }

  /// Reads directory entry `id` from the directory sectors in `chain`.
  private func entry(at id: Int, chain: [UInt32]) throws(Failure) -> Entry {
    let entriesPerSector = sectorSize / Self.entrySize
    let sector = chain[id / entriesPerSector]
    let offset =
      Int64(sector + 1) * Int64(sectorSize)
      + Int64((id % entriesPerSector) * Self.entrySize)
    let bytes = try Self.read(file, count: Self.entrySize, at: offset, what: "a directory entry")

    // The name length counts bytes including the terminating NUL, at most 32 UTF-16 units.
    let nameLength = min(Int(uint16(bytes, 64)), 64)
    let unitCount = max(0, nameLength / 2 - 1)
    let units = (0..<unitCount).map { uint16(bytes, 2 * $0) }
    return Entry(
      name: String(decoding: units, as: UTF16.self), type: bytes[66], left: uint32(bytes, 68),
      right: uint32(bytes, 72), child: uint32(bytes, 76))
  }

  /// Reads exactly `count` bytes at `offset`, or fails naming `what` was cut off.
  private static func read(
    _ file: ReadOnlyFile, count: Int, at offset: Int64, what: String
  ) throws(Failure) -> [UInt8] {
    let bytes: [UInt8]
    do {
      bytes = try file.readBytes(count: count, at: offset)
    } catch {
      throw Failure(reason: "reading \(what) failed: \(error)")
    }
    guard bytes.count == count else {
      throw Failure(reason: "the file ends inside \(what), at byte \(offset + Int64(bytes.count))")
    }
    return bytes
  }
}

private func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
  UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
}

private func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
  UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
    | UInt32(bytes[offset + 3]) << 24
}
