#!/usr/bin/env python3
"""Writes a macOS .icns file from PNG renderings of the icon.

An .icns file is a plain container: the magic 'icns' and the total file length (big-endian uint32), then one
element per image: a four-character type, the element length including its 8-byte header, and the PNG bytes.
macOS 10.7+ reads PNG data for every type below, so no tool beyond Python is needed (png2icns would also do).

Usage: make-icns.py OUT.icns PNG_DIR   (PNG_DIR holds flow-crm-<size>.png for the sizes listed here)
"""
import struct
import sys
from pathlib import Path

# type -> pixel size; the @2x types (ic11..ic14, ic10) let Retina screens pick a sharp image.
TYPES = [
    ("icp4", 16), ("ic11", 32), ("icp5", 32), ("ic12", 64), ("icp6", 64),
    ("ic07", 128), ("ic13", 256), ("ic08", 256), ("ic14", 512), ("ic09", 512), ("ic10", 1024),
]


def main(out: str, png_dir: str) -> None:
    body = b""
    for ostype, size in TYPES:
        png = (Path(png_dir) / f"flow-crm-{size}.png").read_bytes()
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            sys.exit(f"{png_dir}/flow-crm-{size}.png is not a PNG")
        body += ostype.encode("ascii") + struct.pack(">I", 8 + len(png)) + png
    Path(out).write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
