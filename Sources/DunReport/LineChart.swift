/// A line chart of curves over days (liquidation curves), rendered as terminal text or as SVG.
///
/// Rendering is a pure function of the series and the size; the same input gives the same bytes.
public struct LineChart: Hashable, Sendable {
    /// One named curve: `values[d]` is the value at the end of day `d`.
    public struct Series: Hashable, Sendable {
        public var name: String
        public var values: [Double]

        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: String
    public var series: [Series]

    public init(title: String, series: [Series]) {
        self.title = title
        self.series = series
    }

    /// Glyphs for series in order; the legend names each.
    static let glyphs: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]

    var days: Int { max(1, (self.series.map(\.values.count).max() ?? 1) - 1) }

    var top: Double {
        let maximum = self.series.flatMap(\.values).max() ?? 0
        guard maximum > 0 else { return 0.01 }
        // Round the axis up to a whole percent (or a tenth below 2%) so the labels read cleanly.
        let step = maximum < 0.02 ? 0.001 : 0.01
        return (maximum / step).rounded(.up) * step
    }

    /// The chart as text lines (each ends with a newline): a y axis in percent, an x axis in days, a legend.
    ///
    /// - Parameters:
    ///   - width: Plot columns (at least 10).
    ///   - height: Plot rows (at least 4).
    /// - Returns: The rendered lines, joined, ending with a newline.
    public func text(width: Int = 64, height: Int = 14) -> String {
        let columns = max(10, width)
        let rows = max(4, height)
        let top = self.top
        var grid = [[Character]](repeating: [Character](repeating: " ", count: columns), count: rows)
        for (index, series) in self.series.enumerated() {
            let glyph = Self.glyphs[index % Self.glyphs.count]
            guard !series.values.isEmpty else { continue }
            for column in 0..<columns {
                let day = Int((Double(column) / Double(columns - 1) * Double(self.days)).rounded())
                let value = series.values[min(day, series.values.count - 1)]
                let row = rows - 1 - Int((value / top * Double(rows - 1)).rounded())
                grid[max(0, min(rows - 1, row))][column] = glyph
            }
        }
        var out = self.title + "\n"
        let labelWidth = 7
        for (rowIndex, row) in grid.enumerated() {
            let value = top * Double(rows - 1 - rowIndex) / Double(rows - 1)
            let label = rowIndex % 3 == 0 || rowIndex == rows - 1 ? Fixed.percent(value, 1) : ""
            out += String(repeating: " ", count: max(0, labelWidth - label.count)) + label + " |" + String(row) + "\n"
        }
        out += String(repeating: " ", count: labelWidth) + " +" + String(repeating: "-", count: columns) + "\n"
        var axis = [Character](repeating: " ", count: columns)
        for tick in 0...4 {
            let column = (columns - 1) * tick / 4
            let label = Array(String(self.days * tick / 4))
            let start = min(max(0, column - label.count / 2), columns - label.count)
            for (offset, character) in label.enumerated() { axis[start + offset] = character }
        }
        out += String(repeating: " ", count: labelWidth + 2) + String(axis) + "  days\n"
        let legend = self.series.enumerated().map { "\(Self.glyphs[$0.offset % Self.glyphs.count]) \($0.element.name)" }
        out += String(repeating: " ", count: labelWidth + 2) + legend.joined(separator: "   ") + "\n"
        return out
    }

    /// The chart as a standalone SVG document (ends with a newline).
    public func svg(width: Int = 720, height: Int = 420) -> String {
        let colours = ["#1b6ca8", "#d1495b", "#2a9d8f", "#e9a03b", "#6d597a", "#8ab17d", "#264653", "#b56576"]
        let left = 60.0
        let right = 180.0
        let topMargin = 40.0
        let bottom = 50.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - topMargin - bottom
        let top = self.top
        func x(_ day: Int) -> String { Fixed.format(left + plotWidth * Double(day) / Double(self.days), 1) }
        func y(_ value: Double) -> String { Fixed.format(topMargin + plotHeight * (1 - value / top), 1) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"\(width)\" height=\"\(height)\" fill=\"white\"/>\n"
        out += "<text x=\"\(Fixed.format(left, 1))\" y=\"24\" font-size=\"14\">\(Self.escaped(self.title))</text>\n"
        for tick in 0...4 {
            let value = top * Double(tick) / 4
            out += "<line x1=\"\(x(0))\" y1=\"\(y(value))\" x2=\"\(x(self.days))\" y2=\"\(y(value))\" "
            out += "stroke=\"#dddddd\"/>\n"
            out += "<text x=\"\(Fixed.format(left - 6, 1))\" y=\"\(y(value))\" text-anchor=\"end\" "
            out += "dominant-baseline=\"middle\">\(Fixed.percent(value, 1))</text>\n"
            let day = self.days * tick / 4
            out += "<text x=\"\(x(day))\" y=\"\(Fixed.format(topMargin + plotHeight + 18, 1))\" "
            out += "text-anchor=\"middle\">\(day)</text>\n"
        }
        out += "<text x=\"\(Fixed.format(left + plotWidth / 2, 1))\" y=\"\(Fixed.format(Double(height) - 10, 1))\" "
        out += "text-anchor=\"middle\">days since placement</text>\n"
        out += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(self.days))\" y2=\"\(y(0))\" stroke=\"black\"/>\n"
        out += "<line x1=\"\(x(0))\" y1=\"\(y(0))\" x2=\"\(x(0))\" y2=\"\(y(top))\" stroke=\"black\"/>\n"
        for (index, series) in self.series.enumerated() {
            let colour = colours[index % colours.count]
            let points = series.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }
            out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" "
            out += "points=\"\(points.joined(separator: " "))\"/>\n"
            let legendY = Fixed.format(topMargin + 10 + 20 * Double(index), 1)
            let legendX = left + plotWidth + 16
            out += "<line x1=\"\(Fixed.format(legendX, 1))\" y1=\"\(legendY)\" x2=\"\(Fixed.format(legendX + 20, 1))\" "
            out += "y2=\"\(legendY)\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            out += "<text x=\"\(Fixed.format(legendX + 26, 1))\" y=\"\(legendY)\" dominant-baseline=\"middle\">"
            out += "\(Self.escaped(series.name))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension ComparisonReport {
    /// The liquidation curves of every strategy as a chart.
    public var liquidationChart: LineChart {
        LineChart(
            title: "Liquidation (collected / placed) by day",
            series: self.strategies.map { LineChart.Series(name: $0.name, values: $0.curve) }
        )
    }
}
