from catalog.registry import wagtail_hooks  # noqa: F401  (registry sync admin)
