"""Illustrations of the demo: products by product set, craft villages, tours, the home page.

No freely licensed photographs of these products ship in a package the project can
install (docs/pictures.md), so the demo draws flat illustrations with Pillow, the way
a designer would lay out vector artwork: each product set has its own subject (a
bottle of fish sauce, a sack of rice, a gift box of cakes, a glazed vase, a peach
branch...), each village its own scene. Drawn at twice the size and scaled down, so
edges are smooth. Original work of this project, under the project's licence (CC0
for the pictures).

``product_picture(product_set, seed, view)`` / ``village_picture(kind, seed)`` /
``hero_picture()`` return Pillow images; ``cms.demo_images`` stores them as Wagtail images.
"""

import itertools
import math
import random

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
INK = (45, 40, 35)
LEAF = (62, 128, 60)
LEAF_DARK = (36, 90, 40)
BLOSSOM = (236, 120, 150)
BLOSSOM_LIGHT = (250, 190, 205)
WOOD = (120, 78, 44)
CLAY = (176, 98, 58)


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


# --- Product subjects, each centred on (cx, base) with a height ``size`` -----------------


def label(canvas, left, top, right, bottom, palette):
    canvas.rect(left, top, right, bottom, CREAM, radius=0.01)
    middle = (left + right) / 2
    canvas.star(middle, top + (bottom - top) * 0.38, (bottom - top) * 0.22, palette["main"])
    canvas.rect(
        left + (right - left) * 0.2,
        top + (bottom - top) * 0.68,
        right - (right - left) * 0.2,
        top + (bottom - top) * 0.78,
        palette["accent"],
    )


def bottle(canvas, cx, base, size, palette, liquid):
    half = size * 0.17
    canvas.soft_shadow(cx - half * 1.6, base - 0.03, cx + half * 1.6, base + 0.03)
    body_top = base - size * 0.62
    canvas.rect(cx - half, body_top, cx + half, base, liquid, radius=0.03)
    canvas.polygon(
        [
            (cx - half, body_top + 0.02),
            (cx - half * 0.35, base - size * 0.82),
            (cx + half * 0.35, base - size * 0.82),
            (cx + half, body_top + 0.02),
        ],
        liquid,
    )
    canvas.rect(cx - half * 0.35, base - size * 0.95, cx + half * 0.35, base - size * 0.8, liquid)
    canvas.rect(
        cx - half * 0.42, base - size, cx + half * 0.42, base - size * 0.93, palette["main"], 0.004
    )
    canvas.rect(
        cx - half * 0.75,
        body_top + size * 0.1,
        cx - half * 0.55,
        base - size * 0.08,
        lighter(liquid, 0.45),
        radius=0.01,
    )
    label(
        canvas, cx - half * 0.85, base - size * 0.42, cx + half * 0.85, base - size * 0.12, palette
    )


def jar(canvas, cx, base, size, palette, filling):
    half = size * 0.3
    canvas.soft_shadow(cx - half * 1.3, base - 0.03, cx + half * 1.3, base + 0.03)
    canvas.rect(cx - half, base - size * 0.7, cx + half, base, filling, radius=0.05)
    canvas.rect(
        cx - half * 0.85,
        base - size * 0.86,
        cx + half * 0.85,
        base - size * 0.68,
        palette["main"],
        0.01,
    )
    canvas.rect(
        cx - half * 0.75,
        base - size * 0.58,
        cx - half * 0.55,
        base - size * 0.1,
        lighter(filling, 0.5),
        0.01,
    )
    label(canvas, cx - half * 0.7, base - size * 0.5, cx + half * 0.7, base - size * 0.18, palette)


def sack(canvas, cx, base, size, palette, grains):
    half = size * 0.32
    canvas.soft_shadow(cx - half * 1.3, base - 0.03, cx + half * 1.3, base + 0.03)
    cloth = (226, 204, 160)
    canvas.polygon(
        [
            (cx - half, base),
            (cx - half * 1.08, base - size * 0.55),
            (cx - half * 0.7, base - size * 0.85),
            (cx + half * 0.7, base - size * 0.85),
            (cx + half * 1.08, base - size * 0.55),
            (cx + half, base),
        ],
        cloth,
    )
    canvas.ellipse(
        cx - half * 0.72, base - size * 0.93, cx + half * 0.72, base - size * 0.78, grains
    )
    canvas.line(
        [(cx - half * 0.75, base - size * 0.8), (cx + half * 0.75, base - size * 0.8)],
        palette["main"],
        0.012,
    )
    label(
        canvas, cx - half * 0.62, base - size * 0.58, cx + half * 0.62, base - size * 0.2, palette
    )
    rng = random.Random(int(cx * 1000))
    for _ in range(26):
        gx = cx + rng.uniform(-half * 1.8, half * 1.8)
        gy = base + rng.uniform(0.005, 0.06)
        canvas.ellipse(gx - 0.006, gy - 0.004, gx + 0.006, gy + 0.004, grains)


def gift_box(canvas, cx, base, size, palette, _filling):
    half = size * 0.5
    canvas.soft_shadow(cx - half * 1.1, base - 0.03, cx + half * 1.1, base + 0.03)
    canvas.rect(cx - half, base - size * 0.55, cx + half, base, palette["main"], radius=0.01)
    canvas.rect(
        cx - half * 1.04,
        base - size * 0.68,
        cx + half * 1.04,
        base - size * 0.52,
        darker(palette["main"], 0.15),
        0.01,
    )
    canvas.rect(cx - half * 0.09, base - size * 0.68, cx + half * 0.09, base, palette["accent"])
    canvas.ellipse(
        cx - half * 0.35,
        base - size * 0.86,
        cx - half * 0.02,
        base - size * 0.66,
        palette["accent"],
    )
    canvas.ellipse(
        cx + half * 0.02,
        base - size * 0.86,
        cx + half * 0.35,
        base - size * 0.66,
        palette["accent"],
    )
    label(
        canvas, cx + half * 0.25, base - size * 0.42, cx + half * 0.8, base - size * 0.12, palette
    )


def leaf_parcels(canvas, cx, base, size, palette, _filling):
    """Cakes or nem wrapped in leaves, tied with string: a small stack."""
    for row, (offset, level) in enumerate([(-0.55, 0), (0.55, 0), (0.0, 1)]):
        half = size * 0.24
        px = cx + offset * half * 1.7
        py = base - level * size * 0.36
        if row < 2:
            canvas.soft_shadow(px - half * 1.2, py - 0.025, px + half * 1.2, py + 0.025)
        canvas.polygon(
            [
                (px - half, py),
                (px - half * 0.8, py - size * 0.38),
                (px + half * 0.8, py - size * 0.38),
                (px + half, py),
            ],
            LEAF_DARK if row % 2 else LEAF,
        )
        canvas.line([(px, py), (px, py - size * 0.38)], palette["accent"], 0.006)
        canvas.line(
            [(px - half * 0.9, py - size * 0.19), (px + half * 0.9, py - size * 0.19)],
            palette["accent"],
            0.006,
        )


def vase(canvas, cx, base, size, palette, _filling):
    half = size * 0.28
    glaze = (236, 240, 246)
    canvas.soft_shadow(cx - half * 1.3, base - 0.03, cx + half * 1.3, base + 0.03)
    canvas.ellipse(
        cx - half * 1.05, base - size * 0.62, cx + half * 1.05, base + size * 0.02, glaze
    )
    canvas.rect(cx - half * 0.38, base - size * 0.95, cx + half * 0.38, base - size * 0.45, glaze)
    canvas.ellipse(cx - half * 0.55, base - size * 1.0, cx + half * 0.55, base - size * 0.9, glaze)
    blue = (34, 70, 150)
    for turn in range(3):
        y = base - size * (0.18 + turn * 0.12)
        canvas.line(
            [
                (cx - half * 0.8, y),
                (cx - half * 0.3, y - 0.02),
                (cx + half * 0.2, y + 0.01),
                (cx + half * 0.8, y - 0.01),
            ],
            blue,
            0.006,
        )
    canvas.line(
        [(cx - half * 0.36, base - size * 0.8), (cx + half * 0.36, base - size * 0.8)], blue, 0.008
    )
    for petal in range(5):
        angle = petal * 2 * math.pi / 5
        px = cx + math.cos(angle) * half * 0.25
        py = base - size * 0.62 + math.sin(angle) * size * 0.04
        canvas.ellipse(px - 0.012, py - 0.016, px + 0.012, py + 0.016, blue)


def basket(canvas, cx, base, size, palette, _filling):
    half = size * 0.48
    canvas.soft_shadow(cx - half * 1.1, base - 0.03, cx + half * 1.1, base + 0.03)
    rattan, rattan_dark = (206, 160, 96), (160, 112, 56)
    canvas.draw.arc(
        canvas.box(cx - half * 0.7, base - size * 1.0, cx + half * 0.7, base - size * 0.2),
        180,
        360,
        fill=rattan_dark,
        width=int(canvas.x(0.014)),
    )
    canvas.polygon(
        [
            (cx - half, base - size * 0.55),
            (cx + half, base - size * 0.55),
            (cx + half * 0.78, base),
            (cx - half * 0.78, base),
        ],
        rattan,
    )
    for row in range(6):
        y = base - size * 0.55 + row * size * 0.09
        canvas.line(
            [(cx - half * (1 - row * 0.036), y), (cx + half * (1 - row * 0.036), y)],
            rattan_dark,
            0.004,
        )
    for column in range(-6, 7):
        x = cx + column * half * 0.14
        canvas.line([(x, base - size * 0.55), (x * 0.96 + cx * 0.04, base)], rattan_dark, 0.003)


def cloth(canvas, cx, base, size, palette, _filling):
    half = size * 0.5
    canvas.soft_shadow(cx - half * 1.1, base - 0.03, cx + half * 1.1, base + 0.03)
    for index, colour in enumerate(
        [palette["main"], palette["accent"], lighter(palette["main"], 0.4)]
    ):
        top = base - size * (0.2 + index * 0.2)
        canvas.rect(
            cx - half + index * 0.01,
            top,
            cx + half - index * 0.01,
            top + size * 0.2,
            colour,
            radius=0.01,
        )
        for stripe in range(6):
            x = cx - half * 0.85 + stripe * half * 0.34
            canvas.line(
                [(x, top + size * 0.05), (x + 0.02, top + size * 0.15)], lighter(colour, 0.5), 0.004
            )


def blossom_branch(canvas, cx, base, size, palette, _filling):
    pot = (150, 74, 32)
    canvas.soft_shadow(cx - size * 0.22, base - 0.03, cx + size * 0.22, base + 0.03)
    canvas.polygon(
        [
            (cx - size * 0.18, base - size * 0.25),
            (cx + size * 0.18, base - size * 0.25),
            (cx + size * 0.13, base),
            (cx - size * 0.13, base),
        ],
        pot,
    )
    rng = random.Random(int(size * 1000) + int(cx * 100))
    branches = [
        [
            (cx, base - size * 0.25),
            (cx - 0.02, base - size * 0.5),
            (cx - 0.12, base - size * 0.8),
            (cx - 0.2, base - size * 0.95),
        ],
        [
            (cx - 0.02, base - size * 0.5),
            (cx + 0.08, base - size * 0.72),
            (cx + 0.18, base - size * 0.9),
        ],
        [(cx - 0.08, base - size * 0.7), (cx - 0.02, base - size * 1.02)],
    ]
    for branch in branches:
        canvas.line(branch, WOOD, 0.012)
        for (x1, y1), (x2, y2) in itertools.pairwise(branch):
            for step in range(4):
                share = (step + rng.random()) / 4
                bx, by = x1 + (x2 - x1) * share, y1 + (y2 - y1) * share
                for _ in range(2):
                    ox, oy = rng.uniform(-0.03, 0.03), rng.uniform(-0.04, 0.04)
                    radius = rng.uniform(0.012, 0.02)
                    colour = BLOSSOM if rng.random() < 0.6 else BLOSSOM_LIGHT
                    canvas.ellipse(
                        bx + ox - radius,
                        by + oy - radius * 1.4,
                        bx + ox + radius,
                        by + oy + radius * 1.4,
                        colour,
                    )


def bonsai(canvas, cx, base, size, palette, _filling):
    canvas.soft_shadow(cx - size * 0.35, base - 0.03, cx + size * 0.35, base + 0.03)
    canvas.rect(
        cx - size * 0.32, base - size * 0.14, cx + size * 0.32, base, (60, 70, 90), radius=0.01
    )
    canvas.line(
        [
            (cx, base - size * 0.14),
            (cx - 0.04, base - size * 0.4),
            (cx + 0.03, base - size * 0.6),
            (cx - 0.02, base - size * 0.8),
        ],
        WOOD,
        0.02,
    )
    for dx, dy, r in [
        (-0.1, 0.45, 0.09),
        (0.09, 0.6, 0.08),
        (-0.05, 0.82, 0.085),
        (0.05, 0.35, 0.06),
    ]:
        canvas.ellipse(
            cx + dx - r, base - size * dy - r * 0.7, cx + dx + r, base - size * dy + r * 0.7, LEAF
        )
        canvas.ellipse(
            cx + dx - r * 0.6,
            base - size * dy - r * 0.6,
            cx + dx + r * 0.4,
            base - size * dy + r * 0.2,
            lighter(LEAF, 0.2),
        )


def vial(canvas, cx, base, size, palette, liquid):
    bottle(canvas, cx, base, size * 0.6, palette, liquid)
    for index in range(3):
        lx = cx + 0.12 + index * 0.05
        canvas.polygon(
            [
                (lx, base),
                (lx - 0.03, base - 0.12),
                (lx + 0.01, base - 0.2),
                (lx + 0.03, base - 0.08),
            ],
            LEAF if index % 2 else LEAF_DARK,
        )


def stilt_house(canvas, cx, base, size, palette, _filling):
    canvas.polygon(
        [
            (cx - size * 0.6, base - size * 0.55),
            (cx, base - size * 0.95),
            (cx + size * 0.6, base - size * 0.55),
        ],
        (120, 70, 40),
    )
    canvas.rect(
        cx - size * 0.48, base - size * 0.56, cx + size * 0.48, base - size * 0.3, (200, 150, 100)
    )
    for post in range(5):
        x = cx - size * 0.44 + post * size * 0.22
        canvas.rect(x - 0.006, base - size * 0.3, x + 0.006, base, WOOD)
    for window in range(3):
        x = cx - size * 0.3 + window * size * 0.3
        canvas.rect(
            x - 0.025,
            base - size * 0.5,
            x + 0.025,
            base - size * 0.38,
            darker((200, 150, 100), 0.4),
        )


# Which subject and what is inside, by product set number (docs/domain.md, 1–26).
SUBJECTS = {
    1: (basket, None),
    2: (jar, (230, 200, 170)),
    3: (sack, (250, 246, 232)),
    4: (jar, (214, 150, 30)),
    5: (gift_box, None),
    6: (leaf_parcels, None),
    7: (bottle, (222, 168, 40)),
    8: (leaf_parcels, None),
    9: (bottle, (150, 80, 30)),
    10: (sack, (248, 248, 248)),
    11: (gift_box, None),
    12: (gift_box, None),
    13: (sack, (95, 58, 36)),
    14: (bottle, (236, 240, 244)),
    15: (bottle, (110, 30, 60)),
    16: (bottle, (210, 232, 244)),
    17: (bottle, (240, 170, 60)),
    18: (jar, (160, 120, 70)),
    19: (jar, (240, 226, 220)),
    20: (vial, (220, 170, 90)),
    21: (vase, None),
    22: (cloth, None),
    23: (blossom_branch, None),
    24: (bonsai, None),
    25: (bonsai, None),
    26: (stilt_house, None),
}


def backdrop(canvas, palette):
    canvas.vertical_gradient(palette["back"], palette["back2"], 0, 0.72)
    canvas.vertical_gradient(lighter(WOOD, 0.55), lighter(WOOD, 0.35), 0.72, 1.0)
    canvas.line([(0, 0.72), (1, 0.72)], lighter(WOOD, 0.2), 0.004)


# Products whose name says better than their set what they look like.
SUBJECTS_BY_NAME = {
    "mây tre": (basket, None),
    "gốm": (vase, None),
    "mật ong": (jar, (214, 150, 30)),
}


def subject_for(product_set, name=""):
    for words, subject in SUBJECTS_BY_NAME.items():
        if words in name.lower():
            return subject
    return SUBJECTS.get(product_set, (gift_box, None))


def product_picture(product_set, seed=0, view=0, size=(960, 720), name=""):
    """A product of ``product_set`` on a table: view 0 alone, view 1 two of them, closer."""
    palette = PALETTES[seed % len(PALETTES)]
    subject, filling = subject_for(product_set, name)
    canvas = Canvas(*size, palette["back"])
    backdrop(canvas, palette)
    if view == 0:
        subject(canvas, 0.5, 0.84, 0.62, palette, filling)
    else:
        subject(canvas, 0.36, 0.86, 0.7, palette, filling)
        subject(canvas, 0.68, 0.9, 0.5, PALETTES[(seed + 1) % len(PALETTES)], filling)
    return canvas.finish()


# --- Landscapes: villages, tours, home ----------------------------------------------------


def hills(canvas, rng, colours, horizon):
    for layer, colour in enumerate(colours):
        points = [(0, 1)]
        for step in range(13):
            x = step / 12
            points.append(
                (
                    x,
                    horizon
                    + layer * 0.06
                    - 0.08 * math.sin(x * 3 + rng.random() + layer)
                    - rng.uniform(0, 0.04),
                )
            )
        points.append((1, 1))
        canvas.polygon(points, colour)


def tiled_houses(canvas, rng, count, ground):
    for _ in range(count):
        x = rng.uniform(0.05, 0.9)
        width = rng.uniform(0.07, 0.12)
        top = ground - rng.uniform(0.08, 0.12)
        canvas.rect(x, top, x + width, ground, (236, 222, 196))
        canvas.polygon(
            [
                (x - 0.015, top + 0.005),
                (x + width / 2, top - 0.06),
                (x + width + 0.015, top + 0.005),
            ],
            (168, 70, 46),
        )
        canvas.rect(
            x + width * 0.4, top + 0.04, x + width * 0.6, ground, darker((236, 222, 196), 0.45)
        )


def pottery_scene(canvas, rng, palette):
    canvas.rect(0.55, 0.42, 0.8, 0.72, (150, 90, 60), radius=0.02)  # the kiln
    canvas.ellipse(0.6, 0.3, 0.75, 0.5, (150, 90, 60))
    canvas.rect(0.64, 0.2, 0.7, 0.34, darker((150, 90, 60), 0.2))
    canvas.ellipse(0.63, 0.6, 0.72, 0.72, (60, 30, 20))
    for index in range(7):
        x = 0.08 + index * 0.065
        vase(canvas, x, 0.92 - (index % 2) * 0.03, 0.16 + (index % 3) * 0.03, palette, None)


def silk_scene(canvas, rng, palette):
    canvas.line([(0.05, 0.38), (0.95, 0.4)], WOOD, 0.006)
    colours = [
        (200, 40, 60),
        (242, 183, 5),
        (52, 63, 130),
        (29, 107, 58),
        (236, 120, 150),
        (250, 240, 220),
    ]
    for index, colour in enumerate(colours):
        x = 0.1 + index * 0.14
        canvas.polygon(
            [
                (x, 0.385 + index * 0.003),
                (x + 0.1, 0.39 + index * 0.003),
                (x + 0.095, 0.85),
                (x + 0.005, 0.83),
            ],
            colour,
        )
        canvas.line([(x + 0.02, 0.45), (x + 0.02, 0.8)], lighter(colour, 0.35), 0.004)


def garden_scene(canvas, rng, palette):
    for index in range(3):
        bonsai(canvas, 0.25 + index * 0.25, 0.76, 0.12, palette, None)
    for index in range(5):
        x = 0.1 + index * 0.2
        blossom_branch(canvas, x, 0.95 - (index % 2) * 0.04, 0.32, palette, None)


def terraces_scene(canvas, rng, palette):
    for band in range(9):
        top = 0.45 + band * 0.065
        colour = mix((120, 170, 60), (214, 190, 70), (band % 3) / 3)
        points = (
            [(0, 1)]
            + [(x / 10, top + 0.03 * math.sin(x / 10 * 5 + band)) for x in range(11)]
            + [(1, 1)]
        )
        canvas.polygon(points, colour)
        canvas.line(
            [(x / 10, top + 0.03 * math.sin(x / 10 * 5 + band)) for x in range(11)],
            darker(colour, 0.2),
            0.003,
        )
    stilt_house(canvas, 0.78, 0.62, 0.22, palette, None)


SCENES = {
    "pottery": pottery_scene,
    "silk": silk_scene,
    "garden": garden_scene,
    "terraces": terraces_scene,
}
SKIES = [
    ((250, 214, 160), (250, 240, 222)),
    ((160, 200, 236), (236, 244, 250)),
    ((244, 176, 150), (252, 226, 196)),
]


def village_picture(kind, seed=0, size=(1600, 900)):
    """A craft village scene: ``kind`` is pottery, silk, garden or terraces."""
    rng = random.Random(seed)
    palette = PALETTES[seed % len(PALETTES)]
    sky_top, sky_bottom = SKIES[seed % len(SKIES)]
    canvas = Canvas(*size, sky_bottom)
    canvas.vertical_gradient(sky_top, sky_bottom, 0, 0.55)
    canvas.ellipse(0.74, 0.08, 0.84, 0.26, (255, 236, 170))
    hills(canvas, rng, [(150, 180, 150), (110, 150, 110)], 0.42)
    canvas.polygon([(0, 0.62), (1, 0.58), (1, 0.7), (0, 0.72)], (140, 180, 200))  # the river
    canvas.polygon([(0, 0.7), (1, 0.68), (1, 1), (0, 1)], (214, 196, 150))
    tiled_houses(canvas, rng, 4, 0.62)
    SCENES[kind](canvas, rng, palette)
    return canvas.finish()


def hero_picture(size=(1920, 1080)):
    """The home page: terraced rice fields, a stilt house, the sun coming up."""
    return village_picture("terraces", seed=0, size=size)
