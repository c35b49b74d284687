extension Substring {
    /// The text without leading and trailing spaces (tabs and newlines are kept: they are errors).
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
