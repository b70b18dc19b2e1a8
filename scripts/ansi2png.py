#!/usr/bin/env python3
"""Render a tmux `capture-pane -e -p` dump (text with ANSI SGR colours) to a PNG.

Usage: ansi2png.py INPUT.ansi OUTPUT.png [--cols 120] [--rows 40]
Needs Pillow (pip install pillow) and a monospace font (Debian: fonts-dejavu-core).
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
BASIC = [(0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16), (36, 114, 200), (188, 63, 188),
         (17, 168, 205), (229, 229, 229), (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
         (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255)]
DEFAULT_FG, DEFAULT_BG = (220, 220, 220), (24, 24, 28)


def xterm256(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return (v, v, v)


def parse(text, cols, rows):
    """Returns rows of cells: (char, fg, bg, bold)."""
    grid = [[(" ", None, None, False)] * cols for _ in range(rows)]
    fg = bg = None
    bold = dim = rev = False
    for y, line in enumerate(text.split("\n")[:rows]):
        x = 0
        for token in re.split(r"(\x1b\[[0-9;]*m)", line):
            if token.startswith("\x1b["):
                codes = [int(c) if c else 0 for c in token[2:-1].split(";")]
                i = 0
                while i < len(codes):
                    c = codes[i]
                    if c == 0:
                        fg = bg = None
                        bold = dim = rev = False
                    elif c == 1: bold = True
                    elif c == 2: dim = True
                    elif c == 22: bold = dim = False
                    elif c == 7: rev = True
                    elif c == 27: rev = False
                    elif 30 <= c <= 37: fg = BASIC[c - 30]
                    elif 90 <= c <= 97: fg = BASIC[c - 90 + 8]
                    elif 40 <= c <= 47: bg = BASIC[c - 40]
                    elif 100 <= c <= 107: bg = BASIC[c - 100 + 8]
                    elif c == 39: fg = None
                    elif c == 49: bg = None
                    elif c in (38, 48) and i + 1 < len(codes):
                        if codes[i + 1] == 5 and i + 2 < len(codes):
                            col = xterm256(codes[i + 2]); i += 2
                        elif codes[i + 1] == 2 and i + 4 < len(codes):
                            col = tuple(codes[i + 2:i + 5]); i += 4
                        else:
                            col = None
                        if c == 38: fg = col
                        else: bg = col
                    i += 1
                continue
            for ch in token:
                if x >= cols:
                    break
                f, b = fg or DEFAULT_FG, bg or DEFAULT_BG
                if dim:
                    f = tuple((a + d) // 2 for a, d in zip(f, b))
                if rev:
                    f, b = b, f
                grid[y][x] = (ch, f, b, bold)
                x += 1
    return grid


def main():
    args = sys.argv[1:]
    cols = int(args[args.index("--cols") + 1]) if "--cols" in args else 120
    rows = int(args[args.index("--rows") + 1]) if "--rows" in args else 40
    src, dst = args[0], args[1]
    grid = parse(open(src, encoding="utf-8", errors="replace").read(), cols, rows)
    font, font_bold = ImageFont.truetype(FONT, 15), ImageFont.truetype(FONT_BOLD, 15)
    cw, ch = int(round(font.getlength("M"))), 19
    img = Image.new("RGB", (cols * cw + 16, rows * ch + 16), DEFAULT_BG)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(grid):
        for x, (c, f, b, bold) in enumerate(row):
            px, py = 8 + x * cw, 8 + y * ch
            if b and b != DEFAULT_BG:
                draw.rectangle([px, py, px + cw - 1, py + ch - 1], fill=b)
            if c.strip():
                # Block and box characters fill the whole cell: draw bars as rectangles so
                # they join up regardless of the font's glyph metrics.
                o = ord(c)
                if 0x2581 <= o <= 0x2588:
                    h = round(ch * (o - 0x2580) / 8)
                    draw.rectangle([px, py + ch - h, px + cw - 1, py + ch - 1], fill=f)
                elif 0x2589 <= o <= 0x258F:
                    w = round(cw * (0x2590 - o) / 8)
                    draw.rectangle([px, py, px + w - 1, py + ch - 1], fill=f)
                elif 0x2800 <= o <= 0x28FF:
                    # Braille (charts): DejaVu Sans Mono has no such glyphs, so draw the
                    # 2x4 dots. Bits 0-2 and 6 are the left column, 3-5 and 7 the right.
                    bits = o - 0x2800
                    dots = [(0, 0, 0), (1, 0, 1), (2, 0, 2), (3, 1, 0), (4, 1, 1), (5, 1, 2), (6, 0, 3), (7, 1, 3)]
                    r = max(1, cw // 5)
                    for bit, col, row in dots:
                        if bits & (1 << bit):
                            cx = px + (col * 2 + 1) * cw / 4
                            cy = py + (row * 2 + 1) * ch / 8
                            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=f)
                else:
                    draw.text((px, py), c, font=font_bold if bold else font, fill=f)
    img.save(dst)


if __name__ == "__main__":
    main()
