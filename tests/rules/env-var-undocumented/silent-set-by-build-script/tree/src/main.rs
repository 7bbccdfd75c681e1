fn main() {
    println!("{}", option_env!("SEEK_BUILD_GIT_HASH").unwrap_or("unknown"));
}
