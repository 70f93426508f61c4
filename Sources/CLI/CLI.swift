/// Runs the `komet-dwf` command line with `arguments` (without the program name) and returns
/// the exit status.
package func runCommandLine(_ arguments: [String]) -> Int32 {
  // TODO: placeholder until the commands land.
  return 0
}
