/// mimalloc rather than glibc's malloc for every Rust allocation.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(culpa::cli::main());
}
