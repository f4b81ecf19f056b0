// EmissionInventory
