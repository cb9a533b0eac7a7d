#!/usr/bin/env python3
"""Turn `tmux capture-pane -e -p` output (text with SGR escapes) into an HTML page that
draws the terminal grid exactly: every character sits in a cell 1 or 2 columns wide (East
Asian Wide/Fullwidth = 2), so Chinese text and box drawing line up whatever the font.

Usage: ansi2html.py COLS ROWS < capture.ansi > page.html
"""
import html
import re
import sys
import unicodedata

# xterm's 256-colour palette.
BASE16 = [
    "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
    "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
]


def palette(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


DEFAULT_FG = "#d0d0d0"
DEFAULT_BG = "#1c1c1c"


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def apply(self, params):
        it = iter(params or [0])
        for p in it:
            if p == 0:
                self.reset()
            elif p == 1:
                self.bold = True
            elif p == 2:
                self.dim = True
            elif p == 3:
                self.italic = True
            elif p == 4:
                self.underline = True
            elif p == 7:
                self.reverse = True
            elif p == 22:
                self.bold = self.dim = False
            elif p == 23:
                self.italic = False
            elif p == 24:
                self.underline = False
            elif p == 27:
                self.reverse = False
            elif 30 <= p <= 37:
                self.fg = palette(p - 30)
            elif 90 <= p <= 97:
                self.fg = palette(p - 90 + 8)
            elif 40 <= p <= 47:
                self.bg = palette(p - 40)
            elif 100 <= p <= 107:
                self.bg = palette(p - 100 + 8)
            elif p == 39:
                self.fg = None
            elif p == 49:
                self.bg = None
            elif p in (38, 48):
                mode = next(it, None)
                if mode == 5:
                    colour = palette(next(it, 0))
                elif mode == 2:
                    colour = "#%02x%02x%02x" % (next(it, 0), next(it, 0), next(it, 0))
                else:
                    continue
                if p == 38:
                    self.fg = colour
                else:
                    self.bg = colour

    def style(self):
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.reverse:
            fg, bg = (self.bg or DEFAULT_BG), (self.fg or DEFAULT_FG)
        css = ["color:%s" % fg, "background:%s" % bg]
        if self.bold:
            css.append("font-weight:bold")
        if self.dim:
            css.append("opacity:0.7")
        if self.italic:
            css.append("font-style:italic")
        if self.underline:
            css.append("text-decoration:underline")
        return ";".join(css)


SGR = re.compile(r"\x1b\[([0-9;:]*)m")
OTHER_ESC = re.compile(r"\x1b[\[\]][^a-zA-Z]*[a-zA-Z]")


def cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def render_line(line, pen, cols):
    out = []
    col = 0
    pos = 0
    while pos < len(line):
        m = SGR.match(line, pos)
        if m:
            params = [int(x) for x in re.split("[;:]", m.group(1)) if x != ""]
            pen.apply(params)
            pos = m.end()
            continue
        m = OTHER_ESC.match(line, pos)
        if m:
            pos = m.end()
            continue
        ch = line[pos]
        pos += 1
        w = cell_width(ch)
        if w == 0 or col + w > cols:
            continue
        out.append('<span class="c%d" style="%s">%s</span>' % (w, pen.style(), html.escape(ch)))
        col += w
    if col < cols:
        out.append('<span style="display:inline-block;width:%dch;background:%s"></span>'
                   % (cols - col, DEFAULT_BG))
    return "".join(out)


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    text = sys.stdin.read()
    lines = text.split("\n")[:rows]
    while len(lines) < rows:
        lines.append("")
    pen = Pen()
    body = "\n".join('<div class="l">%s</div>' % render_line(l, pen, cols) for l in lines)
    print("""<!doctype html><meta charset="utf-8"><style>
html,body{margin:0;background:%s}
.t{font-family:"DejaVu Sans Mono","Noto Sans Mono CJK SC","Noto Sans CJK SC",monospace;
   font-size:16px;line-height:20px;padding:8px;width:%dch}
.l{height:20px;white-space:pre;overflow:hidden}
.l span{display:inline-block;height:20px;vertical-align:top;text-align:center;overflow:hidden}
.c1{width:1ch}.c2{width:2ch}
</style><div class="t">%s</div>""" % (DEFAULT_BG, cols, body))


if __name__ == "__main__":
    main()
