fn main() {
    std::process::exit(culpa::cli::main());
}
