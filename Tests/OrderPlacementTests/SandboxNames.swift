import KometSandbox

/// The sandbox's web order, named apart from `Komet.WebOrder`, because the module and its
/// main class share the name `KometSandbox` and so cannot qualify it.
typealias SandboxWebOrder = WebOrder
