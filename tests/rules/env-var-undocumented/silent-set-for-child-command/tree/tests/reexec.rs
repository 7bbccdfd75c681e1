use std::process::Command;

// The test binary runs itself as the fake compiler: the child reads the mode the parent gives it.
fn fake_rustc() -> Option<String> {
    let mode = std::env::var("FUNKY_MODE").ok()?;
    Some(format!("rustc {mode}"))
}

#[test]
fn bad_version() {
    if let Some(out) = fake_rustc() {
        println!("{out}");
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .env("FUNKY_MODE", "bad-version")
        .output()
        .unwrap();
    assert!(!out.status.success());
}
