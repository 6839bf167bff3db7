"""The province's reports, one module per family; each function takes ``Filters`` and
returns a ``Table``. ``REPORTS`` lists them in the dashboard's order (its keys are the
export URLs' names)."""

from . import bookings, certificates, certified, sales, searches

REPORTS = {
    "certified_by_stars": certified.by_stars,
    "certified_by_product_set": certified.by_product_set,
    "certified_by_category": certified.by_category,
    "certified_by_province": certified.by_province,
    "expiry_summary": certificates.expiry_summary,
    "expiring": certificates.expiring,
    "revocations_by_month": certificates.revocations_by_month,
    "revocations": certificates.revocations,
    "sales_by_month": sales.by_month,
    "sales_by_producer": sales.by_producer,
    "sales_by_province": sales.by_province,
    "sales_by_campaign": sales.by_campaign,
    "bookings_by_village": bookings.by_village,
    "bookings_by_month": bookings.by_month,
    "search_frequent": searches.frequent,
    "search_zero_hits": searches.zero_hits,
}

# How the dashboard groups them.
SECTIONS = [
    (
        "certified",
        [
            "certified_by_stars",
            "certified_by_product_set",
            "certified_by_category",
            "certified_by_province",
        ],
    ),
    ("certificates", ["expiry_summary", "expiring", "revocations_by_month", "revocations"]),
    ("sales", ["sales_by_month", "sales_by_producer", "sales_by_province", "sales_by_campaign"]),
    ("bookings", ["bookings_by_village", "bookings_by_month"]),
    ("search", ["search_frequent", "search_zero_hits"]),
]


def run(key, filters):
    return REPORTS[key](filters)
