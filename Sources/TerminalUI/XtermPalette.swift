/// Turning theme colours into the palette indexes a terminal without true colour offers.
///
/// The xterm 256-colour palette is fixed from index 16 up: a 6x6x6 cube (levels 0, 95, 135,
/// 175, 215, 255) and a 24-step grey ramp (8, 18, ..., 238). Indexes 0-15 are left out on
/// purpose: users restyle them, so "nearest" there would be a guess.
public enum XtermPalette {
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The colour at palette index 16...255.
    public static func color(at index: Int) -> RGB {
        if index >= 232 {
            let level = UInt8(clamping: 8 + 10 * (min(index, 255) - 232))
            return RGB(level, level, level)
        }
        let cube = max(0, index - 16)
        return RGB(UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[cube / 6 % 6]), UInt8(cubeLevels[cube % 6]))
    }

    /// The index in 16...255 closest to `color` (squared distance in RGB), choosing between
    /// the nearest cube colour and the nearest grey.
    ///
    ///     XtermPalette.nearest256(RGB(255, 0, 0))     // 196
    ///     XtermPalette.nearest256(RGB(128, 128, 128)) // 244, a grey
    public static func nearest256(_ color: RGB) -> Int {
        let channels = [Int(color.red), Int(color.green), Int(color.blue)]
        let cubeSteps = channels.map(nearestCubeStep)
        let cubeIndex = 16 + 36 * cubeSteps[0] + 6 * cubeSteps[1] + cubeSteps[2]
        let average = channels.reduce(0, +) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let greyIndex = 232 + greyStep
        return distance(color, self.color(at: greyIndex)) < distance(color, self.color(at: cubeIndex))
            ? greyIndex : cubeIndex
    }

    /// The basic ANSI colour (1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan) whose hue
    /// is closest, or nil for greys, near-black and near-white: on an 8-colour terminal those
    /// are best left to the terminal's default foreground (a "dim grey" mapped to black would
    /// vanish on a dark background).
    ///
    ///     XtermPalette.nearestBasic(RGB(0xff, 0xd7, 0x5f)) // 3, yellow
    ///     XtermPalette.nearestBasic(RGB(0x6b, 0x70, 0x78)) // nil, a grey
    public static func nearestBasic(_ color: RGB) -> Int? {
        let r = Double(color.red), g = Double(color.green), b = Double(color.blue)
        let high = max(r, g, b), low = min(r, g, b)
        let chroma = high - low
        guard chroma >= 48 else { return nil }
        var hue: Double
        if high == r {
            hue = 60 * ((g - b) / chroma)
        } else if high == g {
            hue = 60 * ((b - r) / chroma + 2)
        } else {
            hue = 60 * ((r - g) / chroma + 4)
        }
        if hue < 0 { hue += 360 }
        let sector = Int((hue / 60).rounded()) % 6
        // Sectors from 0 degrees in steps of 60: red, yellow, green, cyan, blue, magenta.
        let ansi = [1, 3, 2, 6, 4, 5]
        return ansi[sector]
    }

    private static func nearestCubeStep(_ value: Int) -> Int {
        var best = 0
        for (step, level) in cubeLevels.enumerated() where abs(level - value) < abs(cubeLevels[best] - value) {
            best = step
        }
        return best
    }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        return dr * dr + dg * dg + db * db
    }
}
