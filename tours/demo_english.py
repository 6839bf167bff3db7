"""English copies of the demo's tour and village pages (docs/i18n.md).

Real English text, keyed by the Vietnamese page's slug. The copies share their
Vietnamese page's departures, seats and bookings.
"""

from cms.demo import ensure_english


def paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def steps(*rows):
    return [("step", {"time": at, "title": title, "description": text}) for at, title, text in rows]


VILLAGE_INDEX = {
    "slug": "craft-villages",
    "title": "Craft villages",
    "introduction": "The craft villages that make OCOP products, and how to visit them.",
}
TOUR_INDEX = {
    "slug": "craft-village-tours",
    "title": "Craft village tours",
    "introduction": "Book a morning of pottery, silk weaving or bonsai shaping with the artisans.",
}

VILLAGES = {
    "bat-trang": {
        "slug": "bat-trang",
        "title": "Bát Tràng pottery village",
        "craft": "Pottery and porcelain",
        "summary": (
            "A pottery village on the Red River that has fired ceramics without a break "
            "since the 14th century."
        ),
        "opening_information": (
            "The pottery market is open 8:00–18:00 every day.\n"
            "About 15 km from central Hanoi; bus 47A from Long Biên."
        ),
        "history": [
            paragraph(
                "Legend has it that potters from Bồ Bát (Ninh Bình) followed King Lý Công Uẩn "
                "to Thăng Long and set up their kilns on the white clay banks of the Red River."
            ),
            paragraph(
                "From the 15th to the 17th century Bát Tràng ware sailed with merchant ships "
                "across South-East Asia and to Japan."
            ),
        ],
        "story": [
            paragraph(
                "Every family keeps its own glaze recipe: blue, crackle, brown. Gas kilns have "
                "replaced the old wood-fired ones, but a few old kilns remain for visitors."
            ),
        ],
    },
    "van-phuc": {
        "slug": "van-phuc",
        "title": "Vạn Phúc silk village",
        "craft": "Silk weaving",
        "summary": (
            "A silk village more than a thousand years old on the Nhuệ River, home of "
            "van silk with its hidden patterns."
        ),
        "opening_information": (
            "Silk shops are open 8:00–20:00; the weaving workshops close for lunch 11:30–13:30."
        ),
        "history": [
            paragraph(
                "Legend says Lady A Lã Thị Nương taught the villagers to grow mulberry, "
                "raise silkworms and weave silk in the 9th century."
            ),
            paragraph(
                "Vạn Phúc van silk was chosen for the Nguyễn court's garments and shown at "
                "international fairs in the early 20th century."
            ),
        ],
        "story": [
            paragraph(
                "The clack of the looms still fills the narrow lanes. Van silk is woven with "
                "patterns that only appear when the cloth is tilted to the light."
            ),
        ],
    },
    "vi-khe": {
        "slug": "vi-khe",
        "title": "Vị Khê flower and bonsai village",
        "craft": "Flowers and bonsai",
        "summary": (
            "The north's flower and bonsai capital, between the Red River and the Đào "
            "River, famous for its Tết peach blossom."
        ),
        "opening_information": (
            "Gardens welcome visitors 7:30–17:30. Best from the last lunar month to Tết, "
            "when peach and kumquat trees are in season."
        ),
        "history": [
            paragraph(
                "Flower and bonsai growing in Vị Khê dates from the Trần dynasty; its founder, "
                "Nguyễn Thịnh, is said to have brought bonsai home and offered them to the king."
            ),
        ],
        "story": [
            paragraph(
                "Vị Khê artisans shape trees in the old forms: upright, slanting, cascade and "
                "literati. A fine bonsai can take decades of care."
            ),
        ],
    },
}

TOURS = {
    "mot-ngay-lam-gom-bat-trang": {
        "slug": "half-day-pottery-in-bat-trang",
        "title": "Half a day of pottery in Bát Tràng",
        "summary": "See an old kiln, throw a pot on the wheel and paint it with blue glaze.",
        "meeting_point": "Bát Tràng pottery market gate, Bát Tràng village, Hanoi",
        "included": "A village guide\nClay, glaze and one firing\nDrinking water",
        "not_included": "Lunch\nTransport from central Hanoi\nPostage of your fired piece",
        "itinerary": steps(
            ("08:30", "Meet at the pottery market", "Your guide meets you at the market gate."),
            ("09:00", "Visit an old kiln", "Hear about blue and crackle glazes and wood firing."),
            ("10:00", "Throw a pot", "Each guest makes a piece with an artisan."),
            (
                "11:30",
                "Paint the glaze",
                "Decorate your piece; it is fired and posted in two weeks.",
            ),
        ),
    },
    "lua-van-phuc-tu-ken-tam-den-khung-cui": {
        "slug": "van-phuc-silk-from-cocoon-to-loom",
        "title": "Vạn Phúc silk: from cocoon to loom",
        "summary": "Reel silk, set up a loom, watch van silk being woven and try a few passes.",
        "meeting_point": "Vạn Phúc silk village gate, Vạn Phúc street, Hà Đông, Hanoi",
        "included": "A guide\nA small silk scarf you weave yourself",
        "not_included": "Silk bought in the shops\nTransfers",
        "itinerary": steps(
            ("09:00", "Village temple and old well", "The story of Lady A Lã Thị Nương."),
            ("09:45", "Reeling workshop", "From silkworm cocoon to silk thread."),
            ("10:30", "At the loom", "Weave a few passes with a weaver."),
        ),
    },
    "vi-khe-mua-hoa": {
        "slug": "vi-khe-in-bloom",
        "title": "Vị Khê in bloom: bonsai gardens and Tết peach trees",
        "summary": "Walk the bonsai gardens, learn to shape a tree and pick a Vị Khê peach branch.",
        "meeting_point": "Vị Khê village hall, Vị Khê ward, Ninh Bình province",
        "included": "A bonsai artisan as your guide\nTea and bánh gai cake\nA small potted plant",
        "not_included": "Lunch\nShipping large trees",
        "itinerary": steps(
            ("08:00", "Temple of the craft's founder", "Flower growing since the Trần dynasty."),
            ("09:00", "Bonsai gardens", "The classic tree forms and how they are shaped."),
            ("11:00", "Peach orchard", "How peach trees are made to bloom for Tết."),
        ),
    },
}


def load(stdout, village_index, tour_index, villages, tours):
    """English copies of the indexes, villages and tours (each made once)."""
    ensure_english(village_index, stdout, **VILLAGE_INDEX)
    ensure_english(tour_index, stdout, **TOUR_INDEX)
    for slug, village in villages.items():
        ensure_english(village, stdout, **VILLAGES[slug])
    for tour in tours:
        ensure_english(tour, stdout, **TOURS[tour.slug])
