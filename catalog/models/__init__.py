from .listing import SaleListing
from .pages import CatalogIndexPage, ProductImage, ProductPage, ProductVariant
from .producers import LegalForm, Producer
from .products import (
    Certification,
    CertificationLevel,
    CertificationSource,
    Product,
    certified_q,
)
from .registry import (
    CertificateReminder,
    Severity,
    SyncChange,
    SyncFormat,
    SyncProblem,
    SyncRun,
    SyncStatus,
)
from .taxonomy import ProductCategory, ProductSet, QualityStandard

__all__ = [
    "CatalogIndexPage",
    "CertificateReminder",
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
    "SaleListing",
    "Severity",
    "SyncChange",
    "SyncFormat",
    "SyncProblem",
    "SyncRun",
    "SyncStatus",
    "certified_q",
]
