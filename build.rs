//! Rebuilds the crate when `data/` or `assets/` change: they are compiled into the binary
//! (`include_dir!`), and cargo does not otherwise know to look at them.

fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=assets");
}
