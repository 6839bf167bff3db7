"""The drawing surface and the colours the demo's illustrations share."""

import math

from PIL import Image, ImageDraw, ImageFilter

SUPERSAMPLE = 2

# Warm, natural colours: lacquer red, rice gold, leaf green, indigo, clay, cream.
PALETTES = [
    {
        "back": (246, 236, 214),
        "back2": (233, 214, 178),
        "main": (166, 27, 27),
        "accent": (242, 183, 5),
    },
    {
        "back": (228, 238, 226),
        "back2": (196, 219, 196),
        "main": (29, 107, 58),
        "accent": (246, 214, 120),
    },
    {
        "back": (236, 232, 244),
        "back2": (208, 204, 228),
        "main": (52, 63, 130),
        "accent": (235, 190, 90),
    },
    {
        "back": (247, 231, 220),
        "back2": (232, 199, 178),
        "main": (150, 74, 32),
        "accent": (250, 236, 200),
    },
    {
        "back": (232, 240, 242),
        "back2": (200, 220, 226),
        "main": (22, 96, 112),
        "accent": (240, 200, 110),
    },
    {
        "back": (245, 240, 226),
        "back2": (224, 210, 170),
        "main": (110, 80, 30),
        "accent": (200, 60, 40),
    },
]
CREAM = (252, 248, 236)
LEAF = (62, 128, 60)
LEAF_DARK = (36, 90, 40)
BLOSSOM = (236, 120, 150)
BLOSSOM_LIGHT = (250, 190, 205)
WOOD = (120, 78, 44)


class Canvas:
    """A picture drawn in relative coordinates (0–1 across, 0–1 down) at twice the size."""

    def __init__(self, width, height, background):
        self.width, self.height = width, height
        self.image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), background)
        self.draw = ImageDraw.Draw(self.image)

    def x(self, value):
        return value * self.width * SUPERSAMPLE

    def y(self, value):
        return value * self.height * SUPERSAMPLE

    def box(self, left, top, right, bottom):
        return (self.x(left), self.y(top), self.x(right), self.y(bottom))

    def points(self, points):
        return [(self.x(px), self.y(py)) for px, py in points]

    def rect(self, left, top, right, bottom, fill, radius=0.0):
        radius_px = radius * self.width * SUPERSAMPLE
        self.draw.rounded_rectangle(self.box(left, top, right, bottom), radius_px, fill=fill)

    def ellipse(self, left, top, right, bottom, fill, outline=None, width=0):
        self.draw.ellipse(
            self.box(left, top, right, bottom), fill=fill, outline=outline, width=width
        )

    def polygon(self, points, fill):
        self.draw.polygon(self.points(points), fill=fill)

    def line(self, points, fill, width):
        self.draw.line(self.points(points), fill=fill, width=int(width * self.width * SUPERSAMPLE))

    def vertical_gradient(self, top_colour, bottom_colour, top=0.0, bottom=1.0):
        start, end = int(self.y(top)), int(self.y(bottom))
        for row in range(start, end):
            share = (row - start) / max(end - start - 1, 1)
            colour = mix(top_colour, bottom_colour, share)
            self.draw.line([(0, row), (self.image.width, row)], fill=colour)

    def star(self, cx, cy, radius, fill):
        points = []
        for index in range(10):
            angle = -math.pi / 2 + index * math.pi / 5
            reach = radius if index % 2 == 0 else radius * 0.45
            points.append(
                (
                    cx + reach * math.cos(angle) * self.height / self.width,
                    cy + reach * math.sin(angle),
                )
            )
        self.polygon(points, fill)

    def soft_shadow(self, left, top, right, bottom):
        """A blurred shadow under a subject, blurred in its own small patch only."""
        blur = 12 * SUPERSAMPLE
        x0, y0, x1, y1 = (int(value) for value in self.box(left, top, right, bottom))
        margin = blur * 3
        patch = Image.new("L", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), 0)
        ImageDraw.Draw(patch).ellipse((margin, margin, margin + x1 - x0, margin + y1 - y0), fill=90)
        patch = patch.filter(ImageFilter.GaussianBlur(blur))
        dark = Image.new("RGB", patch.size, (60, 45, 30))
        self.image.paste(dark, (x0 - margin, y0 - margin), patch)
        self.draw = ImageDraw.Draw(self.image)

    def finish(self):
        # Averaging each 2×2 block: what LANCZOS gives to within a fraction of a level,
        # twelve times faster (53 pictures at every fresh demo load).
        return self.image.reduce(SUPERSAMPLE)


def mix(first, second, share):
    return tuple(int(a + (b - a) * share) for a, b in zip(first, second, strict=True))


def lighter(colour, share=0.35):
    return mix(colour, (255, 255, 255), share)


def darker(colour, share=0.3):
    return mix(colour, (0, 0, 0), share)
