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

from .landscapes import hero_picture, village_picture
from .products import product_picture, subject_for

__all__ = ["hero_picture", "product_picture", "subject_for", "village_picture"]
