"""Render HTML files to PDF with WeasyPrint's Python API, one after the
other in one process, for bench/peers.sh.

The weasyprint command starts Python and imports WeasyPrint for every
document, which is a second or so each; the matrix row would then mostly
time 48 interpreter starts. Rendering all of them in one process is how a
service would use WeasyPrint, and it is the fair counterpart of pamphlet
building all pamphlets in one process.

Usage: python3 weasyprint-many.py OUTDIR FILE.html...
Each FILE.html becomes OUTDIR/FILE.pdf.
"""
import os
import sys

import weasyprint


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: weasyprint-many.py OUTDIR FILE.html...")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for f in sys.argv[2:]:
        name = os.path.splitext(os.path.basename(f))[0] + ".pdf"
        weasyprint.HTML(filename=f).write_pdf(os.path.join(out, name))


if __name__ == "__main__":
    main()
