from django import template

from cms.formatting import format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    """{{ variant.price|vnd }} → 150.000 ₫"""
    return format_vnd(amount)
