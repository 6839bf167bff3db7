"""Product illustrations: one subject per product set, drawn on ``canvas.Canvas``."""

import itertools
import math
import random

from .canvas import (
    BLOSSOM,
    BLOSSOM_LIGHT,
    CREAM,
    LEAF,
    LEAF_DARK,
    PALETTES,
    WOOD,
    Canvas,
    darker,
    lighter,
)

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
