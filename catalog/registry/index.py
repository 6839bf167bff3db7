"""What the registry planner matches rows against: producers, products and their
certifications, keyed the ways rows are matched (certificate number, product code,
product and producer names).

Memory stays bounded whatever the size of the catalogue and of the source. The
products of the batch being planned are objects in memory; once the batch is
written, ``settle()`` moves them to a temporary SQLite file (ProductStore), where a
later row finds them again by key. Producers, one for several products, stay in
memory. Planning a row costs no query on the site's database.
"""

import pickle
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import groupby

from django.utils.text import slugify

from catalog.models import Producer, Product
from catalog.text import strip_diacritics

from .records import certificate_key, decision_key

SLUG_LENGTH = 110
LOAD_CHUNK = 2000

CERT_FIELDS = (
    "pk",
    "certificate_number",
    "decision_number",
    "decision_date",
    "stars",
    "score",
    "level",
    "revoked_on",
    "revocation_reason",
    "revocation_decision",
)


@dataclass(eq=False, slots=True)
class ProducerRef:
    pk: int | None
    name: str
    name_key: str
    new_fields: dict | None = None  # set for a producer this run creates
    ident: int = -1  # its place in the index, set by RegistryIndex


@dataclass(eq=False, slots=True)
class CertRef:
    pk: int | None
    product: "ProductRef"
    certificate_number: str
    decision_number: str
    decision_date: date
    stars: int
    score: Decimal
    level: str
    revoked_on: date | None = None
    revocation_reason: str = ""
    revocation_decision: str = ""
    sequence: int = 0  # order of planning, for certificates not yet saved

    @property
    def newness(self):
        return (self.decision_date, self.pk is None, self.pk or self.sequence)

    def facts(self):
        return {
            "stars": self.stars,
            "score": self.score,
            "certificate_number": self.certificate_number,
            "decision_number": self.decision_number,
            "decision_date": self.decision_date,
            "level": self.level,
            "revoked_on": self.revoked_on,
            "revocation_reason": self.revocation_reason,
            "revocation_decision": self.revocation_decision,
        }


@dataclass(eq=False, slots=True)
class ProductRef:
    pk: int | None
    name: str
    name_key: str
    producer: ProducerRef
    registry_code: str = ""
    product_set_id: int | None = None
    certifications: list = field(default_factory=list)
    ident: int = -1  # its place in the index, set by RegistryIndex

    @property
    def current(self):
        return max(self.certifications, key=lambda cert: cert.newness, default=None)

    def certification_for(self, record):
        wanted = record.decision_key
        return next(
            (
                cert
                for cert in self.certifications
                if decision_key(cert.decision_number, cert.decision_date) == wanted
            ),
            None,
        )


class ProductStore:
    """Products not being planned right now, with the keys that find them.

    A private temporary SQLite database: SQLite keeps a few MB of it in memory and
    the rest in a file it deletes when the connection closes. Where two products (or
    certifications) share a key, the one with the lowest rank keeps it.
    """

    def __init__(self):
        self.db = sqlite3.connect("")
        self.db.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            PRAGMA cache_size = -4096;
            CREATE TABLE products (ident INTEGER PRIMARY KEY, data BLOB NOT NULL);
            CREATE TABLE keys (
                key TEXT PRIMARY KEY, product INTEGER NOT NULL, cert INTEGER, rank INTEGER
            ) WITHOUT ROWID;
            """
        )

    def save(self, products):
        """products: (ident, packed data) pairs, replacing what is stored."""
        self.db.executemany("INSERT OR REPLACE INTO products VALUES (?, ?)", products)

    def add_keys(self, keys):
        """keys: (key, product ident, certification position or None, rank)."""
        self.db.executemany(
            "INSERT INTO keys VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE"
            " SET product = excluded.product, cert = excluded.cert, rank = excluded.rank"
            " WHERE excluded.rank < keys.rank",
            keys,
        )

    def find(self, key):
        """(product ident, certification position or None), or None."""
        return self.db.execute("SELECT product, cert FROM keys WHERE key = ?", (key,)).fetchone()

    def has(self, key):
        return self.find(key) is not None

    def packed(self, ident):
        return self.db.execute("SELECT data FROM products WHERE ident = ?", (ident,)).fetchone()[0]

    def close(self):
        self.db.close()


def code_key(code):
    return f"c{code}"


def name_key(product_key, producer_key):
    return f"n{product_key}\x1f{producer_key}"


def cert_key(certificate_number):
    return f"g{certificate_key(certificate_number)}"


def _pack(product):
    certs = [
        tuple(getattr(cert, name) for name in CERT_FIELDS) + (cert.sequence,)
        for cert in product.certifications
    ]
    facts = (
        product.pk,
        product.name,
        product.name_key,
        product.producer.ident,
        product.registry_code,
        product.product_set_id,
        certs,
    )
    return pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)


def _position(product, cert):
    if cert is None:
        return None
    return next(index for index, each in enumerate(product.certifications) if each is cert)


def _certification_rank(decision_date, pk):
    """Stored certificates sharing a number: the newest decision keeps the key."""
    return -((decision_date.toordinal() << 40) | pk)


class RegistryIndex:
    """Producers, products and certifications keyed the ways rows are matched."""

    def __init__(self):
        self.producers = {}  # name key -> the producer new rows of that name join
        self.slugs = set()
        self.sequence = 0
        self._producer_refs = []  # by ident
        self._product_count = 0
        self._live = {}  # ident -> ProductRef planned since the last settle()
        self._new_keys = {}  # key -> (ProductRef, CertRef or None), not yet stored
        self._store = ProductStore()

    @classmethod
    def load(cls):
        index = cls()
        producers = {}
        for pk, name, name_key_, slug in Producer.objects.values_list(
            "pk", "name", "name_key", "slug"
        ).iterator(chunk_size=5000):
            producers[pk] = ref = ProducerRef(pk, name, name_key_)
            index._register_producer(ref)
            index.producers.setdefault(name_key_, ref)
            index.slugs.add(slug)
        index._load_products(producers)
        return index

    def _load_products(self, producers):
        product_fields = (
            "pk",
            "name",
            "name_key",
            "producer_id",
            "registry_code",
            "product_set_id",
        )
        rows = (
            Product.objects.order_by(
                "name", "pk", "-certifications__decision_date", "-certifications__pk"
            )
            .values_list(*product_fields, *(f"certifications__{name}" for name in CERT_FIELDS))
            .iterator(chunk_size=5000)
        )
        packed, keys = [], []
        for _pk, product_rows in groupby(rows, key=lambda row: row[0]):
            product_rows = list(product_rows)
            pk, name, name_key_, producer_id, code, set_id = product_rows[0][:6]
            product = ProductRef(pk, name, name_key_, producers[producer_id], code, set_id)
            product.ident = self._next_product_ident()
            rank = product.ident
            if code:
                keys.append((code_key(code), product.ident, None, rank))
            keys.append((name_key(name_key_, product.producer.name_key), product.ident, None, rank))
            for row in product_rows:
                if row[6] is None:
                    continue  # a product without certifications
                cert = CertRef(row[6], product, *row[7:])
                product.certifications.append(cert)
                if cert.certificate_number:
                    position = len(product.certifications) - 1
                    rank = _certification_rank(cert.decision_date, cert.pk)
                    keys.append((cert_key(cert.certificate_number), product.ident, position, rank))
            packed.append((product.ident, _pack(product)))
            if len(packed) >= LOAD_CHUNK:
                self._store.save(packed)
                self._store.add_keys(keys)
                packed, keys = [], []
        self._store.save(packed)
        self._store.add_keys(keys)

    def _register_producer(self, producer):
        producer.ident = len(self._producer_refs)
        self._producer_refs.append(producer)

    def _next_product_ident(self):
        self._product_count += 1
        return self._product_count

    # Looking up

    def certification(self, certificate_key_):
        """The certification a certificate number names (its newest decision), or None."""
        found = self._find(f"g{certificate_key_}")
        return found[1] if found else None

    def product_by_code(self, code):
        found = self._find(code_key(code)) if code else None
        return found[0] if found else None

    def product_by_name(self, product_key, producer_key):
        found = self._find(name_key(product_key, producer_key))
        return found[0] if found else None

    def _find(self, key):
        if key in self._new_keys:
            return self._new_keys[key]
        stored = self._store.find(key)
        if stored is None:
            return None
        product = self._product(stored[0])
        return product, None if stored[1] is None else product.certifications[stored[1]]

    def _product(self, ident):
        product = self._live.get(ident)
        if product is None:
            product = self._unpack(ident)
            self._live[ident] = product
        return product

    def _unpack(self, ident):
        pk, name, name_key_, producer_ident, code, set_id, certs = pickle.loads(
            self._store.packed(ident)
        )
        product = ProductRef(pk, name, name_key_, self._producer_refs[producer_ident], code, set_id)
        product.ident = ident
        product.certifications = [CertRef(facts[0], product, *facts[1:]) for facts in certs]
        return product

    # Planning as if applied

    def add_producer(self, producer):
        self._register_producer(producer)
        self.producers[producer.name_key] = producer

    def add_product(self, product):
        if product.ident < 0:
            product.ident = self._next_product_ident()
            self._live[product.ident] = product
        if product.registry_code:
            self._add_key(code_key(product.registry_code), product, None)
        self._add_key(name_key(product.name_key, product.producer.name_key), product, None)

    def add_certification(self, cert):
        cert.product.certifications.append(cert)
        if cert.certificate_number:
            self._add_key(cert_key(cert.certificate_number), cert.product, cert)

    def _add_key(self, key, product, cert):
        """The first product (or certification) to hold a key keeps it."""
        if key not in self._new_keys and not self._store.has(key):
            self._new_keys[key] = (product, cert)

    def settle(self):
        """The changes planned so far are written: move their products to the store."""
        self._store.save((ident, _pack(product)) for ident, product in self._live.items())
        self._store.add_keys(
            (key, product.ident, _position(product, cert), 0)
            for key, (product, cert) in self._new_keys.items()
        )
        self._live.clear()
        self._new_keys.clear()

    @property
    def products_in_memory(self):
        return len(self._live)

    def close(self):
        self._store.close()

    def next_sequence(self):
        self.sequence += 1
        return self.sequence

    def new_slug(self, name):
        base = slugify(strip_diacritics(name))[:SLUG_LENGTH] or "x"
        slug = base
        while slug in self.slugs:
            slug = f"{base}-{secrets.token_hex(2)}"
        self.slugs.add(slug)
        return slug
