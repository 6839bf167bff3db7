from .pages import CatalogIndexPage, ProductImage, ProductPage, ProductVariant
from .producers import LegalForm, Producer
from .products import (
    Certification,
    CertificationLevel,
    CertificationSource,
    Product,
    certified_q,
)
from .taxonomy import ProductCategory, ProductSet, QualityStandard

__all__ = [
    "CatalogIndexPage",
    "Certification",
    "CertificationLevel",
    "CertificationSource",
    "LegalForm",
    "Producer",
    "Product",
    "ProductCategory",
    "ProductImage",
    "ProductPage",
    "ProductSet",
    "ProductVariant",
    "QualityStandard",
    "certified_q",
]
