"""What every matplotlib figure of the results shares: a font with Hangul, the figure, PNG bytes.

Figures use matplotlib's object interface (no pyplot, no global state, safe in
a worker), a font that has Hangul when the machine has one (Noto Sans CJK KR
from Debian's fonts-noto-cjk, or NanumGothic), and are saved as PNG without a
software tag, so that the same figure gives the same bytes.
"""

import io

from matplotlib import font_manager
from matplotlib.figure import Figure

HANGUL_FONTS = ("Noto Sans CJK KR", "NanumGothic", "NanumBarunGothic", "UnDotum")
PNG_METADATA = {"Software": None}


def _font_family():
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in HANGUL_FONTS if name in installed][:1] + ["DejaVu Sans"]


FONT_FAMILY = _font_family()


def new_figure(width, height, constrained=True):
    """A figure of ``width`` × ``height`` inches at 100 dpi; ``constrained`` lays its axes out automatically."""
    return Figure(figsize=(width, height), dpi=100, layout="constrained" if constrained else None)


def png_bytes(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white", metadata=PNG_METADATA)
    return buffer.getvalue()
