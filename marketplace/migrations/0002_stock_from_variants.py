"""Copy each variant's stock (until now page content) into one inventory row per SKU."""

from django.db import migrations


def copy_stock(apps, schema_editor):
    ProductVariant = apps.get_model("catalog", "ProductVariant")
    Inventory = apps.get_model("marketplace", "Inventory")
    StockMovement = apps.get_model("marketplace", "StockMovement")
    for sku, stock in ProductVariant.objects.values_list("sku", "stock").iterator():
        row, created = Inventory.objects.get_or_create(sku=sku, defaults={"quantity": stock})
        if created and stock:
            StockMovement.objects.create(
                inventory=row,
                change=stock,
                quantity_after=stock,
                reason="initial",
                note="Chuyển từ nội dung trang sản phẩm",
            )


def copy_back(apps, schema_editor):
    ProductVariant = apps.get_model("catalog", "ProductVariant")
    Inventory = apps.get_model("marketplace", "Inventory")
    for sku, quantity in Inventory.objects.values_list("sku", "quantity").iterator():
        ProductVariant.objects.filter(sku=sku).update(stock=quantity)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0001_initial"),
        ("catalog", "0004_registry_snapshot_private_storage"),
    ]

    operations = [migrations.RunPython(copy_stock, copy_back)]
