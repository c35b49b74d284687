/// A problem with an input file or value, already worded as `path:line:col: error: message` lines; printed
/// as is (no usage text) and exits with status 1.
struct InputError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
