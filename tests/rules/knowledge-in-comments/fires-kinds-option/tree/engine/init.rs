/// Sets up the allocator.
///
/// This must be called before any other function of the crate.
pub fn init() {}

// HACK: sleep a little because the device reports ready too early.
pub fn settle() {}

// Keep in sync with engine/registry.rs.
pub const KINDS: usize = 4;
