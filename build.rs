//! Link options for the `mila-bot` binary.

fn main() {
    // Pack the binary's ~24,000 relative relocations (RELR: GNU ld 2.38 or lld 15 to link,
    // glibc 2.36 to run): the dynamic loader reads a few kilobytes at start instead of half a
    // megabyte of RELA entries, which stayed resident for the life of the process.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
