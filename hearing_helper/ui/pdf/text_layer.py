"""Make the text layer of the PDFs we write give back the Chinese we drew.

Why: CJK fonts such as Noto Sans CJK map a radical code point and its ideograph to the same
glyph (U+2F08 ⼈ and U+4EBA 人 both draw glyph 人). Qt's PDF engine builds each font's
ToUnicode CMap by scanning code points upwards and keeping the *first* one that maps to a glyph,
so the radical (U+2E80-U+2FDF) wins over the ideograph (U+4E00-). ``pdftotext``, search and
copy then return 人民法院 as ⼈⺠法院. The glyphs are right; only the text layer is wrong.

The fix rewrites those ToUnicode entries to the unified ideograph after Qt has written the file.
Every hex code in the CMap keeps its length, so no object offset moves. Our own text never draws
radicals on purpose, so turning them back into ideographs is exact for what we print.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

# CJK Radicals Supplement code points that Noto Sans CJK SC draws with an ideograph's glyph
# (the Unicode EquivalentUnifiedIdeograph relation, as this font implements it).
_SUPPLEMENT_RADICALS = {
    0x2E82: 0x4E5B,  # ⺂ -> 乛
    0x2E83: 0x4E5A,  # ⺃ -> 乚
    0x2E85: 0x4EBB,  # ⺅ -> 亻
    0x2E89: 0x5202,  # ⺉ -> 刂
    0x2E8F: 0x5C23,  # ⺏ -> 尣
    0x2E90: 0x5C22,  # ⺐ -> 尢
    0x2E92: 0x5DF3,  # ⺒ -> 巳
    0x2E93: 0x5E7A,  # ⺓ -> 幺
    0x2E94: 0x5F51,  # ⺔ -> 彑
    0x2E95: 0x5F50,  # ⺕ -> 彐
    0x2E96: 0x5FC4,  # ⺖ -> 忄
    0x2E98: 0x624C,  # ⺘ -> 扌
    0x2E99: 0x6535,  # ⺙ -> 攵
    0x2E9B: 0x65E1,  # ⺛ -> 旡
    0x2E9E: 0x6B7A,  # ⺞ -> 歺
    0x2E9F: 0x6BCD,  # ⺟ -> 母
    0x2EA0: 0x6C11,  # ⺠ -> 民
    0x2EA1: 0x6C35,  # ⺡ -> 氵
    0x2EA3: 0x706C,  # ⺣ -> 灬
    0x2EA4: 0x722B,  # ⺤ -> 爫
    0x2EA6: 0x4E2C,  # ⺦ -> 丬
    0x2EA8: 0x72AD,  # ⺨ -> 犭
    0x2EAD: 0x793B,  # ⺭ -> 礻
    0x2EAF: 0x7CF9,  # ⺯ -> 糹
    0x2EB0: 0x7E9F,  # ⺰ -> 纟
    0x2EB1: 0x7F53,  # ⺱ -> 罓
    0x2EB9: 0x8002,  # ⺹ -> 耂
    0x2EBA: 0x8080,  # ⺺ -> 肀
    0x2EBE: 0x8279,  # ⺾ -> 艹
    0x2EC2: 0x8864,  # ⻂ -> 衤
    0x2EC5: 0x89C1,  # ⻅ -> 见
    0x2EC6: 0x89D2,  # ⻆ -> 角
    0x2EC8: 0x8BA0,  # ⻈ -> 讠
    0x2EC9: 0x8D1D,  # ⻉ -> 贝
    0x2ECB: 0x8F66,  # ⻋ -> 车
    0x2ECC: 0x8FB6,  # ⻌ -> 辶
    0x2ED0: 0x9485,  # ⻐ -> 钅
    0x2ED1: 0x9577,  # ⻑ -> 長
    0x2ED2: 0x9578,  # ⻒ -> 镸
    0x2ED3: 0x957F,  # ⻓ -> 长
    0x2ED4: 0x95E8,  # ⻔ -> 门
    0x2ED6: 0x961D,  # ⻖ -> 阝
    0x2ED8: 0x9752,  # ⻘ -> 青
    0x2ED9: 0x97E6,  # ⻙ -> 韦
    0x2EDA: 0x9875,  # ⻚ -> 页
    0x2EDB: 0x98CE,  # ⻛ -> 风
    0x2EDC: 0x98DE,  # ⻜ -> 飞
    0x2EDD: 0x98DF,  # ⻝ -> 食
    0x2EDF: 0x98E0,  # ⻟ -> 飠
    0x2EE0: 0x9963,  # ⻠ -> 饣
    0x2EE2: 0x9A6C,  # ⻢ -> 马
    0x2EE3: 0x9AA8,  # ⻣ -> 骨
    0x2EE4: 0x9B3C,  # ⻤ -> 鬼
    0x2EE5: 0x9C7C,  # ⻥ -> 鱼
    0x2EE6: 0x9E1F,  # ⻦ -> 鸟
    0x2EE7: 0x5364,  # ⻧ -> 卤
    0x2EE8: 0x9EA6,  # ⻨ -> 麦
    0x2EE9: 0x9EC4,  # ⻩ -> 黄
    0x2EEA: 0x9EFE,  # ⻪ -> 黾
    0x2EEB: 0x6589,  # ⻫ -> 斉
    0x2EEC: 0x9F50,  # ⻬ -> 齐
    0x2EEE: 0x9F7F,  # ⻮ -> 齿
    0x2EEF: 0x7ADC,  # ⻯ -> 竜
    0x2EF0: 0x9F99,  # ⻰ -> 龙
    0x2EF1: 0x9F9C,  # ⻱ -> 龜
    0x2EF2: 0x4E80,  # ⻲ -> 亀
    0x2EF3: 0x9F9F,  # ⻳ -> 龟
}
# U+2F3E ⼾: NFKC gives the traditional 戶, the simplified Chinese font draws 户.
_KANGXI_OVERRIDES = {0x2F3E: 0x6237}

_TO_UNICODE = re.compile(
    rb"(?P<head><<\s*/Length (?P<length>\d+)\s*>>\s*stream\n)(?P<body>/CIDInit.*?endcmap.*?)"
    rb"(?=endstream)",
    re.DOTALL,
)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_OBJECT = re.compile(rb"(?m)^(\d+) 0 obj\b")
_XREF = re.compile(rb"(?ms)^xref\n0 (\d+)\n(.*?)^trailer\b")
_STARTXREF = re.compile(rb"startxref\n\d+")


def ideograph_for(code_point: int) -> int:
    """The unified ideograph a radical code point stands for in our PDFs (else unchanged)."""
    if code_point in _SUPPLEMENT_RADICALS:
        return _SUPPLEMENT_RADICALS[code_point]
    if 0x2F00 <= code_point <= 0x2FDF:
        if code_point in _KANGXI_OVERRIDES:
            return _KANGXI_OVERRIDES[code_point]
        folded = unicodedata.normalize("NFKC", chr(code_point))
        return ord(folded) if len(folded) == 1 else code_point
    return code_point


def _hex(code: int) -> bytes:
    return b"<%04X>" % code


def _fixed_dest(token: bytes) -> bytes:
    """One destination ``<XXXX>`` of the CMap, radical replaced; longer codes stay."""
    digits = token[1:-1]
    if len(digits) != 4:
        return token
    return _hex(ideograph_for(int(digits, 16)))


def _fix_line(line: bytes, section: bytes) -> bytes:
    tokens = _HEX.findall(line)
    if section == b"bfchar" and len(tokens) == 2:
        return b"<%s> %s" % (tokens[0], _fixed_dest(b"<" + tokens[1] + b">"))
    if section != b"bfrange" or len(tokens) < 3:
        return line
    start, end = int(tokens[0], 16), int(tokens[1], 16)
    if b"[" in line:
        dests = b" ".join(_fixed_dest(b"<" + t + b">") for t in tokens[2:])
        return b"<%s> <%s> [%s ]" % (tokens[0], tokens[1], dests)
    first = int(tokens[2], 16) if len(tokens[2]) == 4 else None
    if first is None or all(ideograph_for(first + i) == first + i for i in range(end - start + 1)):
        return line
    # A linear run (consecutive glyphs -> consecutive code points) that holds a radical is
    # no longer linear once fixed: write it as an explicit list.
    dests = b" ".join(_hex(ideograph_for(first + i)) for i in range(end - start + 1))
    return b"<%s> <%s> [%s ]" % (tokens[0], tokens[1], dests)


def _fix_cmap(body: bytes) -> bytes:
    section = b""
    out = []
    for line in body.split(b"\n"):
        words = line.split()
        if len(words) == 2 and words[1] in (b"beginbfrange", b"beginbfchar"):
            section = words[1][5:]
        elif line.strip() in (b"endbfrange", b"endbfchar"):
            section = b""
        elif section:
            line = _fix_line(line, section)
        out.append(line)
    return b"\n".join(out)


def _fix_stream(match: re.Match[bytes]) -> bytes:
    body = _fix_cmap(match.group("body"))
    head = match.group("head").replace(
        b"/Length " + match.group("length"), b"/Length %d" % len(body)
    )
    return head + body


def _rebuild_xref(pdf: bytes) -> bytes:
    """Point the classic xref table and ``startxref`` at the objects' new offsets."""
    offsets = {int(m.group(1)): m.start() for m in _OBJECT.finditer(pdf)}
    xref = _XREF.search(pdf)
    if xref is None:
        return pdf
    size = int(xref.group(1))
    rows = [b"0000000000 65535 f \n"]
    for number in range(1, size):
        if number in offsets:
            rows.append(b"%010d 00000 n \n" % offsets[number])
        else:
            rows.append(b"0000000000 00000 f \n")
    table = b"xref\n0 %d\n" % size + b"".join(rows)
    rebuilt = pdf[: xref.start()] + table + pdf[xref.end() - len(b"trailer") :]
    return _STARTXREF.sub(b"startxref\n%d" % xref.start(), rebuilt)


def restore_ideographs(pdf: bytes) -> bytes:
    """``pdf`` (as Qt writes it) with radicals in its ToUnicode CMaps turned into ideographs."""
    fixed = _TO_UNICODE.sub(_fix_stream, pdf)
    return fixed if fixed == pdf else _rebuild_xref(fixed)


def fix_pdf_text_layer(path: Path) -> None:
    """Rewrite the PDF at ``path`` in place (see :func:`restore_ideographs`)."""
    data = path.read_bytes()
    fixed = restore_ideographs(data)
    if fixed != data:
        path.write_bytes(fixed)
