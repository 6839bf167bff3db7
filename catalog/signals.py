from django.dispatch import Signal

# Sent after anything that can change whether a product is certified (a new
# certification, a revocation, a status crossing a date). Arguments:
# ``product_ids``: the Product primary keys concerned. The search index listens.
certification_changed = Signal()
