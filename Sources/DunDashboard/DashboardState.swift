/// What the operator is doing in the dashboard: which panel has focus and whether a search is being typed.
/// Key handling is a pure transition, so it is tested without a terminal.
public struct DashboardState: Hashable, Sendable {
    public var focus: DashboardPanel
    /// Whether the search prompt is open.
    public var searching: Bool
    /// The text typed at the search prompt.
    public var query: String
    /// The account id being shown, after a search was submitted.
    public var shownAccount: String?
    /// Whether the operator asked to quit.
    public var quit: Bool

    public init(focus: DashboardPanel = .channels) {
        self.focus = focus
        self.searching = false
        self.query = ""
        self.shownAccount = nil
        self.quit = false
    }

    /// Whether an account timeline is on screen.
    public var showingAccount: Bool { self.shownAccount != nil }

    /// Applies one key press.
    public mutating func handle(_ key: Key) {
        if self.searching {
            switch key {
            case .enter:
                self.searching = false
                let query = self.query.trimmingSpaces()
                self.shownAccount = query.isEmpty ? nil : query
            case .escape:
                self.searching = false
                self.query = ""
            case .backspace:
                if !self.query.isEmpty { self.query.removeLast() }
            case .character(let character):
                self.query.append(character)
            case .tab:
                break
            }
            return
        }
        switch key {
        case .character("q"), .character("Q"):
            self.quit = true
        case .tab:
            self.focus = self.focus.next
        case .character("/"):
            self.searching = true
            self.query = ""
        case .escape:
            self.shownAccount = nil
        default:
            break
        }
    }

    /// A key the dashboard understands.
    public enum Key: Hashable, Sendable {
        case character(Character)
        case tab
        case enter
        case escape
        case backspace

        /// Decodes the bytes a terminal sends in raw mode; unknown sequences decode to nothing.
        public static func decode(_ bytes: [UInt8]) -> [Key] {
            var keys: [Key] = []
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x09: keys.append(.tab)
                case 0x0D, 0x0A: keys.append(.enter)
                case 0x7F, 0x08: keys.append(.backspace)
                case 0x03: keys.append(.character("q"))  // ctrl-c quits, like q
                case 0x1B:
                    // A lone ESC is escape; ESC [ … is a cursor or function key we ignore.
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") {
                        index += 2
                        while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                    } else {
                        keys.append(.escape)
                    }
                case 0x20...0x7E:
                    keys.append(.character(Character(Unicode.Scalar(byte))))
                default:
                    break
                }
                index += 1
            }
            return keys
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
