/// Turns successive frames into the bytes a terminal needs, redrawing only the lines that changed.
///
/// It does ANSI cursor work and nothing else; the caller writes the returned bytes to the terminal. Entering
/// uses the alternate screen and hides the cursor; `restore()` undoes both and must run on every exit path.
public struct TerminalWriter: Sendable {
    private var previous: [String] = []
    private var size: (width: Int, height: Int) = (0, 0)

    public init() {}

    /// The bytes that switch to the alternate screen, hide the cursor and clear it.
    public static let enter = "\u{1B}[?1049h\u{1B}[?25l\u{1B}[2J"
    /// The bytes that show the cursor and leave the alternate screen.
    public static let restore = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// The output that brings the screen from the previous frame to `frame`.
    ///
    /// A size change redraws everything; otherwise only changed lines are rewritten, each with a cursor move and
    /// an erase-to-end-of-line.
    public mutating func update(to frame: [String], width: Int, height: Int) -> String {
        var output = ""
        let resized = self.size != (width, height)
        if resized {
            output += "\u{1B}[2J"
            self.previous = []
            self.size = (width, height)
        }
        for (index, line) in frame.enumerated() where index >= self.previous.count || self.previous[index] != line {
            output += "\u{1B}[\(index + 1);1H\(line)\u{1B}[0m\u{1B}[K"
        }
        if frame.count < self.previous.count {
            for index in frame.count..<self.previous.count {
                output += "\u{1B}[\(index + 1);1H\u{1B}[K"
            }
        }
        self.previous = frame
        return output
    }
}
