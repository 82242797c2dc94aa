// The floor: the cheapest Rust binary that does something (prints "hello").
fn main() {
    println!("hello");
}
