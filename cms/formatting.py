"""How the site writes money: whole Vietnamese đồng, dot thousands, ₫ after."""


def format_vnd(amount):
    """150000 → '150.000 ₫' (a no-break space before the sign)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + "\u00a0₫"
