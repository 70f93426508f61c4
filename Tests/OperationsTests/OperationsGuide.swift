import Foundation

/// The commands and the sshd_config block of `docs/operations.md`, with the names that a test
/// replaces.
///
/// The document shows each block rendered with `Names.documented`. The live test renders the
/// same blocks with its own accounts and folders and runs them, and `OperationsDocumentTests`
/// checks that the document contains every block as rendered here.
enum OperationsGuide {
  /// The account names and paths that differ between the document and a test run.
  struct Names {
    /// The workspace, which is also the chroot of DWF's account.
    var workspace: String
    /// DWF's SFTP account and its group, which share one name.
    var dwf: String
    /// The service account that runs komet-dwf.
    var komet: String
    /// The folder that contains DWF's `authorized_keys`.
    var keysFolder: String
    /// The file with DWF's public key, relative to the folder the commands run in.
    var publicKeyFile: String

    /// The names the document uses.
    static let documented = Names(
      workspace: "/srv/komet-dwf", dwf: "dwf", komet: "komet",
      keysFolder: "/etc/ssh/authorized_keys.dwf", publicKeyFile: "dwf_key.pub")
  }

  /// The shell commands that create both accounts and install DWF's public key.
  static let accounts = """
    groupadd --system @DWF@
    useradd --system --gid @DWF@ --home-dir / --shell /usr/sbin/nologin @DWF@
    useradd --system --user-group --home-dir @ROOT@ --shell /usr/sbin/nologin @KOMET@
    usermod --append --groups @DWF@ @KOMET@     # komet reads what DWF uploads
    install -d -m 0700 -o @DWF@ -g @DWF@ @KEYS@
    install -m 0600 -o @DWF@ -g @DWF@ @PUBKEY@ @KEYS@/authorized_keys

    """

  /// The shell commands that create the workspace and set its owners, modes and ACL.
  static let layout = """
    komet-dwf init @ROOT@           # as root: creates the folders and an example config
    chown root:root @ROOT@
    chmod 0711 @ROOT@               # DWF may pass through, but not list it
    chown -R @KOMET@:@KOMET@ @ROOT@/inbox @ROOT@/outbox @ROOT@/state
    chown @KOMET@:@KOMET@ @ROOT@/komet-dwf.json
    chmod 0600 @ROOT@/komet-dwf.json
    chmod 0700 @ROOT@/state
    chmod 0711 @ROOT@/inbox @ROOT@/outbox
    chown @KOMET@:@DWF@ @ROOT@/inbox/dwf @ROOT@/outbox/dwf
    chmod 2770 @ROOT@/inbox/dwf     # DWF uploads; files take the group dwf
    chmod 2750 @ROOT@/outbox/dwf    # DWF reads; komet writes
    setfacl -m d:g:@DWF@:---,d:o::--- @ROOT@/inbox   # new drops: nothing for DWF

    """

  /// The lines that go at the end of `sshd_config`.
  static let sshdConfig = """
    Subsystem sftp internal-sftp

    Match User @DWF@
        ChrootDirectory @ROOT@
        ForceCommand internal-sftp -u 0007
        AuthorizedKeysFile @KEYS@/authorized_keys
        PasswordAuthentication no
        AllowTcpForwarding no
        AllowAgentForwarding no
        PermitTunnel no
        X11Forwarding no

    """

  /// Returns `template` with its placeholders replaced by `names`.
  static func render(_ template: String, with names: Names) -> String {
    template
      .replacingOccurrences(of: "@ROOT@", with: names.workspace)
      .replacingOccurrences(of: "@DWF@", with: names.dwf)
      .replacingOccurrences(of: "@KOMET@", with: names.komet)
      .replacingOccurrences(of: "@KEYS@", with: names.keysFolder)
      .replacingOccurrences(of: "@PUBKEY@", with: names.publicKeyFile)
  }

  /// Returns the command lines of a rendered shell block, without blank and comment lines.
  static func commandLines(of block: String) -> [String] {
    block.split(separator: "\n").map(String.init).filter { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }
  }
}
