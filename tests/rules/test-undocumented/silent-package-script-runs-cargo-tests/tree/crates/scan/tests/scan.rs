#[test]
fn scans() {
    scan::scan();
}
