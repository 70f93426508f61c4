import Glibc

/// The inotify event mask that the watcher requests on each folder.
///
/// `IN_DELETE` and `IN_MOVED_FROM` are added to the six change events so that a file the
/// caller moves away is forgotten at once, and a new file under the same name (which may even
/// reuse the inode) is judged afresh. `IN_ONLYDIR` makes a path that is not a folder fail with
/// `ENOTDIR`.
let watchedEventMask =
  UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF)
  | UInt32(IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR)

/// One event read from an inotify descriptor: the fixed `struct inotify_event` fields and the
/// name, which is empty for events about the watched folder itself.
struct InotifyEvent {
  let watchDescriptor: Int32
  let mask: UInt32
  let name: String

  func has(_ flag: Int32) -> Bool {
    mask & UInt32(flag) != 0
  }
}

/// Opens a non-blocking inotify descriptor with `inotify_init1(IN_NONBLOCK | IN_CLOEXEC)`.
///
/// - Throws: `WatcherError.inotifyUnavailable` with the reason, for example when
///   `fs.inotify.max_user_instances` is reached.
func openInotify() throws(WatcherError) -> Int32 {
  let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
  guard descriptor >= 0 else {
    throw .inotifyUnavailable(reason: WatcherError.reason(for: errno))
  }
  return descriptor
}

/// Adds a watch on `folder` with `inotify_add_watch` and returns its watch descriptor.
///
/// - Throws: `WatcherError.folderMissing`, `.notAFolder`, `.watchLimitReached` (`ENOSPC`) or
///   `.watchFailed`.
func addWatch(descriptor: Int32, folder: String) throws(WatcherError) -> Int32 {
  let watch = inotify_add_watch(descriptor, folder, watchedEventMask)
  guard watch >= 0 else {
    let code = errno
    let error = folderError(folder, code: code)
    if case .folderUnreadable = error {
      throw .watchFailed(folder: folder, reason: WatcherError.reason(for: code))
    }
    throw error
  }
  return watch
}

/// Reads every event queued on a non-blocking inotify descriptor, stopping at `EAGAIN`.
func readInotifyEvents(descriptor: Int32) -> [InotifyEvent] {
  let headerSize = MemoryLayout<inotify_event>.size
  let capacity = 64 * 1024
  let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 8)
  defer { buffer.deallocate() }

  var events: [InotifyEvent] = []
  while true {
    let count = read(descriptor, buffer.baseAddress, capacity)
    if count < 0 && errno == EINTR {
      continue
    }
    guard count > 0 else { break }

    // The kernel packs whole events: a 16-byte header, then `len` bytes of NUL-padded name.
    var offset = 0
    while offset + headerSize <= count {
      let watch = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
      let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
      let nameLength = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
      let nameStart = offset + headerSize
      let nameBytes = buffer[nameStart..<min(nameStart + nameLength, count)]
      let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
      events.append(InotifyEvent(watchDescriptor: watch, mask: mask, name: name))
      offset = nameStart + nameLength
    }
  }
  return events
}
