fn main() {
    let hash = std::process::Command::new("git").args(["rev-parse", "HEAD"]).output().unwrap();
    println!("cargo:rustc-env=SEEK_BUILD_GIT_HASH={}", String::from_utf8_lossy(&hash.stdout));
}
