"""The coverage of a campaign as an SVG picture: its cells (covered ones filled) under its outline.

Drawn in EPSG:5186 metres, y downwards like SVG (ST_AsSVG), so cells are
true squares; the picture carries a title and a description, for screen
readers and for the image's alternative text.
"""

from django.template.loader import render_to_string

from guides.services.progress import cells, outline


def coverage_svg_text(campaign):
    path, (xmin, ymin, xmax, ymax) = outline(campaign)
    size = campaign.cell_metres
    pad = size / 2
    squares = [{"x": i * size, "y": -(j + 1) * size, "covered": covered} for i, j, covered in cells(campaign)]
    context = {
        "campaign": campaign,
        "path": path,
        "size": size,
        "squares": squares,
        "view_box": f"{xmin - pad:.1f} {-ymax - pad:.1f} {xmax - xmin + 2 * pad:.1f} {ymax - ymin + 2 * pad:.1f}",
        "covered": sum(1 for square in squares if square["covered"]),
        "stroke": max(xmax - xmin, ymax - ymin) / 300,
    }
    return render_to_string("web/campaigns/coverage_svg.html", context)
