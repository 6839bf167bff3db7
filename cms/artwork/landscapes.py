"""Landscapes: craft villages, tours and the home page's hero."""

import math
import random

from .canvas import PALETTES, WOOD, Canvas, darker, lighter, mix
from .products import blossom_branch, bonsai, stilt_house, vase


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
