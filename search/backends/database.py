"""The database backend: SQLite and PostgreSQL, the embedded default.

Matching: every query word must start a word of the document's folded text
(SQLite: ``text_folded LIKE '% word%'``; PostgreSQL: a stored tsvector of the folded
text and its GIN index, see ``words_start_words``). Typos: a word of five letters or
more (four once a letter is dropped) also matches the vocabulary words
(``SearchTerm``) exactly one edit away. "Did you mean", when a query finds nothing,
looks further (two edits): candidates of a similar length (and, on PostgreSQL, a
pg_trgm ``similarity`` of 0.15 or more), ranked by edit distance and by how many
documents use the word. Facets: ``DatabaseBackend.count``.
"""

from django.db import connection
from django.db.models import BooleanField, Case, Count, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from catalog.models.products import today
from search.backends import Hit, Result, Suggestion
from search.models import SearchDocument, SearchTerm
from search.query import FACET_FIELDS, FACETS, PRICE_RANGES
from search.text import edit_distance, may_correct, one_edit_away, typo_limit

SUGGESTIONS = 8
# Words whose correction is looked for when a query finds nothing ("did you mean").
SUGGESTION_DISTANCE = 2
MIN_SIMILARITY = 0.15
MIN_SUGGEST_LENGTH = 2
TERM_FACETS = [name for name in FACETS if name != "price"]
HIT_FIELDS = (
    "page_id",
    "kind",
    "title",
    "url",
    "stars",
    "min_price",
    "province_code",
    "producer",
    "image_id",
)


def visible(on=None):
    """Documents shoppers may see on ``on``: villages, tours, and products in their window."""
    on = on or today()
    return SearchDocument.objects.filter(
        Q(visible_from__isnull=True) | Q(visible_from__lte=on, visible_until__gte=on)
    )


def price_range_value(low, high):
    """'100000-199999', '-99999', '1000000-': what price_min-price_max the range filters."""
    return f"{'' if low is None else low}-{'' if high is None else high}"


def price_q(low, high):
    """Documents whose lowest price is within [low, high] (either end may be open)."""
    condition = Q(min_price__isnull=False)
    if low is not None:
        condition &= Q(min_price__gte=low)
    if high is not None:
        condition &= Q(min_price__lte=high)
    return condition


def price_bucket():
    """The position of a document's price in PRICE_RANGES, -1 without a price."""
    return Case(
        *[
            When(price_q(low, high), then=Value(position))
            for position, (low, high) in enumerate(PRICE_RANGES)
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )


def apply_filters(documents, filters):
    for name, value in filters.items():
        if name == "price":
            documents = documents.filter(price_q(*value))
        else:
            documents = documents.filter(**{FACET_FIELDS[name]: value})
    return documents


def one_typo_corrections(words):
    """{word: vocabulary words exactly one edit away} for ``words``, in one query: their
    one-edit variants (a few hundred a word) looked up by the unique index, so it costs
    the same on SQLite and PostgreSQL."""
    variants = {}
    for word in words:
        for variant in one_edit_away(word):
            variants.setdefault(variant, []).append(word)
    if not variants:
        return {}
    found = {}
    terms = (
        SearchTerm.objects.filter(term__in=sorted(variants))
        .order_by("-documents", "term")
        .values_list("term", flat=True)
    )
    for term in terms:
        for word in variants[term]:
            if may_correct(word, term):
                found.setdefault(word, []).append(term)
    return found


def similar_terms(word, distance):
    """Vocabulary words within ``distance`` edits of ``word`` (not the word itself),
    closest first, then the most used."""
    candidates = SearchTerm.objects.annotate(length=Length("term")).filter(
        length__gte=len(word) - distance, length__lte=len(word) + distance
    )
    if connection.vendor == "postgresql":
        # pg_trgm: keep the words sharing a few trigrams (two edits can leave only 0.2).
        candidates = candidates.filter(
            RawSQL(
                "similarity(term, %s) >= %s", [word, MIN_SIMILARITY], output_field=BooleanField()
            )
        )
    found = []
    for term, documents in candidates.exclude(term=word).values_list("term", "documents"):
        edits = edit_distance(word, term, distance)
        if edits <= distance:
            found.append((edits, -documents, term))
    return [term for _edits, _documents, term in sorted(found)]


def words_start_words(column, alternatives):
    """Documents where, for each list of alternatives, one of them starts a word of the
    folded ``column`` ("text" or "title").

    PostgreSQL: the stored ``<column>_vector`` (``to_tsvector('simple', <column>_folded)``,
    migration 0003) and its GIN index against ``to_tsquery('simple', '(a:* | b:*) & c:*')``;
    the words are folded, so only ``a-z0-9`` reach the query text. SQLite: ``LIKE '% word%'``.
    """
    if connection.vendor == "postgresql":
        tsquery = " & ".join(
            "(" + " | ".join(f"{word}:*" for word in options) + ")" for options in alternatives
        )
        return Q(
            RawSQL(
                f"{column}_vector @@ to_tsquery('simple', %s)",
                [tsquery],
                output_field=BooleanField(),
            )
        )
    condition = Q()
    for options in alternatives:
        either = Q()
        for word in options:
            if column == "text":
                either |= Q(text_folded__contains=f" {word}")
            else:
                either |= Q(title_folded__startswith=word) | Q(title_folded__contains=f" {word}")
        condition &= either
    return condition


class DatabaseBackend:
    name = "database"

    def match(self, words):
        """(filter, {word: corrections}): each word, or a correction of it, starts a word.
        The corrections of all the words come from one query."""
        corrections = one_typo_corrections([word for word in words if typo_limit(word)])
        alternatives = [[word, *corrections.get(word, [])] for word in words]
        return words_start_words("text", alternatives), corrections

    def relevance(self, query):
        """Exact title (with its accents) first, then titles holding the query, then words."""
        folded, lowered = query.folded, query.lowered
        score = (
            Case(When(title_lower=lowered, then=Value(60)), default=Value(0))
            + Case(When(title_lower__contains=lowered, then=Value(30)), default=Value(0))
            + Case(When(title_folded__startswith=folded, then=Value(20)), default=Value(0))
            + Case(When(title_folded__contains=folded, then=Value(10)), default=Value(0))
        )
        for word in folded.split():
            score += Case(When(title_folded__contains=word, then=Value(3)), default=Value(0))
        return score

    def ordering(self, query):
        stars = F("stars").desc(nulls_last=True)
        if query.sort == "price":
            return [F("min_price").asc(nulls_last=True), "pk"]
        if query.sort == "-price":
            return [F("min_price").desc(nulls_last=True), "pk"]
        if query.sort == "stars":
            return [stars, "title", "pk"]
        if query.sort == "newest" or not query.folded:
            return [F("published_at").desc(nulls_last=True), "-pk"]
        return ["-score", stars, "title", "pk"]

    def search(self, query, on=None):
        base = visible(on)
        corrections = {}
        if query.folded:
            condition, corrections = self.match(query.folded.split())
            base = base.filter(condition)
        total, facets = self.count(base, query.filters)
        hits = []
        if total > query.offset:
            rows = apply_filters(base, query.filters)
            if query.sort == "relevance" and query.folded:
                rows = rows.annotate(score=self.relevance(query))
            rows = rows.order_by(*self.ordering(query))
            rows = rows[query.offset : query.offset + query.per_page]
            hits = [Hit(*row) for row in rows.values_list(*HIT_FIELDS)]
        suggestion = None
        if total == 0 and query.folded:
            suggestion = self.did_you_mean(query, on)
        return Result(total, hits, facets, suggestion, corrections)

    def count(self, documents, filters):
        if connection.vendor == "postgresql":
            return self.count_grouping_sets(documents, filters)
        return self.count_combinations(documents, filters)

    def count_grouping_sets(self, documents, filters):
        """(total, facets) in one pass on PostgreSQL: ``GROUPING SETS`` gives one group per
        facet value, and each facet's count is ``COUNT(*) FILTER`` (every chosen filter
        but its own), the total ``COUNT(*) FILTER`` (every chosen filter)."""
        columns = [*(FACET_FIELDS[name] for name in TERM_FACETS), "price_bucket"]
        flags = {
            f"f_{name}": Case(
                When(
                    price_q(*value) if name == "price" else Q(**{FACET_FIELDS[name]: value}),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            )
            for name, value in filters.items()
        }
        inner = (
            documents.annotate(price_bucket=price_bucket(), **flags)
            .order_by()
            .values(*columns, *flags)
        )
        sql, params = inner.query.sql_with_params()

        def passing(skip=None):
            kept = [f'sub."{flag}"' for flag in flags if flag != f"f_{skip}"]
            return " AND ".join(kept) or "TRUE"

        counts = ", ".join(f"COUNT(*) FILTER (WHERE {passing(name)})" for name in [*FACETS, None])
        groupings = ", ".join(f'GROUPING(sub."{column}")' for column in columns)
        selected = ", ".join(f'sub."{column}"' for column in columns)
        sets = ", ".join(f'(sub."{column}")' for column in columns)
        statement = (
            f"SELECT {groupings}, {selected}, {counts} FROM ({sql}) AS sub "
            f"GROUP BY GROUPING SETS ({sets}, ())"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        width = len(columns)
        total, facets = 0, {name: [] for name in FACETS}
        for row in rows:
            grouped, values, row_counts = row[:width], row[width : 2 * width], row[2 * width :]
            if all(grouped):  # the () set: every document
                total = row_counts[-1]
                continue
            position = grouped.index(0)
            name, value = FACETS[position], values[position]
            count = row_counts[position]
            if count == 0 or value is None or value == "" or value == -1:
                continue
            if name == "price":
                value = price_range_value(*PRICE_RANGES[value])
            facets[name].append((value, count))
        return total, self.ordered(facets)

    @staticmethod
    def ordered(facets):
        order = [price_range_value(*bounds) for bounds in PRICE_RANGES]
        return {
            name: sorted(
                values,
                key=(lambda item: order.index(item[0]))
                if name == "price"
                else (lambda item: (-item[1], item[0])),
            )
            for name, values in facets.items()
        }

    def count_combinations(self, documents, filters):
        """(total, facets) from one grouped query (SQLite: no GROUPING SETS).

        The matching documents are counted per combination of facet values (the price
        as its range, plus whether it is inside the chosen price filter); the total
        adds the groups that pass every filter, and each facet the groups that pass
        every filter but its own. Counts and results can therefore never disagree.
        """
        columns = [FACET_FIELDS[name] for name in TERM_FACETS]
        annotations = {"price_bucket": price_bucket()}
        price = filters.get("price")
        if price is not None:
            annotations["in_price"] = Case(
                When(price_q(*price), then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        names = [*columns, *annotations]
        groups = (
            documents.annotate(**annotations)
            .order_by()
            .values_list(*names)
            .annotate(count=Count("pk"))
        )
        chosen = {FACET_FIELDS[name]: value for name, value in filters.items() if name != "price"}
        counters = {name: {} for name in FACETS}
        total = 0
        for *values, count in groups:
            row = dict(zip(names, values, strict=True))
            failing = {column for column, value in chosen.items() if row[column] != value}
            if price is not None and not row["in_price"]:
                failing.add("price")
            if not failing:
                total += count
            for name in FACETS:
                column = FACET_FIELDS.get(name, "price")
                if failing - {column}:
                    continue
                if name == "price":
                    key = row["price_bucket"]
                    if key < 0:
                        continue
                    key = price_range_value(*PRICE_RANGES[key])
                else:
                    key = row[column]
                    if key is None or key == "":
                        continue
                counters[name][key] = counters[name].get(key, 0) + count
        return total, self.ordered({name: list(counters[name].items()) for name in FACETS})

    def did_you_mean(self, query, on=None):
        """The query with each unknown word replaced by the closest vocabulary word, when
        that finds something; else None."""
        words = query.folded.split()
        candidates = [word for word in words if len(word) >= 3]
        if not candidates:
            return None
        starts = Q()
        for word in candidates:
            starts |= Q(term__startswith=word)
        known_terms = list(SearchTerm.objects.filter(starts).values_list("term", flat=True))
        corrected, changed = [], False
        for word in words:
            known = len(word) < 3 or any(term.startswith(word) for term in known_terms)
            closest = [] if known else similar_terms(word, SUGGESTION_DISTANCE)
            corrected.append(closest[0] if closest else word)
            changed = changed or bool(closest)
        if not changed:
            return None
        condition, _corrections = self.match(corrected)
        # A count, not exists(): with LIMIT 1 the planner may walk every row.
        found = apply_filters(visible(on).filter(condition), query.filters).count()
        return " ".join(corrected) if found else None

    def suggest(self, text_folded, on=None, limit=SUGGESTIONS):
        words = text_folded.split()
        if len(text_folded) < MIN_SUGGEST_LENGTH or not words:
            return []
        documents = visible(on).filter(words_start_words("title", [[word] for word in words]))
        rows = documents.annotate(
            starts=Case(
                When(title_folded__startswith=text_folded, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            length=Length("title"),
        ).order_by("starts", "length", "title", "pk")[:limit]
        return [
            Suggestion(title, url, kind)
            for title, url, kind in rows.values_list("title", "url", "kind")
        ]
