/// The numeric key codes a curses library reports for special keys (`KEY_UP`, ...).
///
/// `ncurses` holds the values from ncurses' `curses.h`; the curses backend builds its own
/// from the C macros, so a different build cannot silently disagree.
public struct FunctionKeyCodes: Sendable, Hashable {
    public var up: Int32, down: Int32, left: Int32, right: Int32
    public var pageUp: Int32, pageDown: Int32, home: Int32, end: Int32
    public var backspace: Int32, enter: Int32, backTab: Int32, resize: Int32
    /// `KEY_F(0)`; F*n* is `f0 + n`.
    public var f0: Int32

    public init(up: Int32, down: Int32, left: Int32, right: Int32, pageUp: Int32, pageDown: Int32,
                home: Int32, end: Int32, backspace: Int32, enter: Int32, backTab: Int32, resize: Int32,
                f0: Int32) {
        self.up = up
        self.down = down
        self.left = left
        self.right = right
        self.pageUp = pageUp
        self.pageDown = pageDown
        self.home = home
        self.end = end
        self.backspace = backspace
        self.enter = enter
        self.backTab = backTab
        self.resize = resize
        self.f0 = f0
    }

    /// ncurses 6 (`KEY_DOWN` 0402, `KEY_UP` 0403, ... `KEY_RESIZE` 0632).
    public static let ncurses = FunctionKeyCodes(
        up: 0o403, down: 0o402, left: 0o404, right: 0o405, pageUp: 0o523, pageDown: 0o522,
        home: 0o406, end: 0o550, backspace: 0o407, enter: 0o527, backTab: 0o541, resize: 0o632,
        f0: 0o410)
}

/// Raw codes from a curses `get_wch` -> `Key`, kept apart from the terminal so it is tested
/// on its own (the way SwiftNIO keeps byte framing apart from meaning).
public enum KeyDecoder {
    /// The highest F-key reported; ncurses numbers shifted F1-F12 as F13-F24.
    public static let maxFunctionKey = 24

    /// Decodes one `get_wch` result.
    ///
    /// - Parameters:
    ///   - code: the character, or the key code when `isFunctionKey`.
    ///   - isFunctionKey: `get_wch` returned `KEY_CODE_YES`.
    /// - Returns: nil for codes flowtop has no use for (Insert, mouse, ...).
    ///
    ///     KeyDecoder.decode(code: 0o403, isFunctionKey: true)  // .up
    ///     KeyDecoder.decode(code: 13, isFunctionKey: false)    // .enter
    public static func decode(code: Int32, isFunctionKey: Bool, codes: FunctionKeyCodes = .ncurses) -> Key? {
        if isFunctionKey { return decodeFunctionKey(code, codes: codes) }
        switch code {
        case 3: return .interrupt
        case 26: return .suspend
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard code >= 0, let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// A mouse report, as the curses backend classified it (`flowtop_mouse_action`: 1 the
    /// left button pressed or clicked, 4 wheel up, 5 wheel down); nil for the rest
    /// (releases, other buttons, motion).
    ///
    ///     KeyDecoder.decodeMouse(x: 10, y: 4, action: 5)   // .mouse(x: 10, y: 4, .wheelDown)
    public static func decodeMouse(x: Int32, y: Int32, action: Int32) -> Key? {
        let kind: MouseEvent.Action
        switch action {
        case 1: kind = .press
        case 4: kind = .wheelUp
        case 5: kind = .wheelDown
        default: return nil
        }
        return .mouse(MouseEvent(x: Int(x), y: Int(y), action: kind))
    }

    private static func decodeFunctionKey(_ code: Int32, codes: FunctionKeyCodes) -> Key? {
        switch code {
        case codes.up: return .up
        case codes.down: return .down
        case codes.left: return .left
        case codes.right: return .right
        case codes.pageUp: return .pageUp
        case codes.pageDown: return .pageDown
        case codes.home: return .home
        case codes.end: return .end
        case codes.backspace: return .backspace
        case codes.enter: return .enter
        case codes.backTab: return .backTab
        case codes.resize: return .resize
        default:
            let number = Int(code - codes.f0)
            return (1...maxFunctionKey).contains(number) ? .function(number) : nil
        }
    }
}
