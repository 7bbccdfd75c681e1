fn main() {
    let threads = std::env::var("ENGINE_THREADS").unwrap_or("4".to_string());
    println!("{}", threads);
}
