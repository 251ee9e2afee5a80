"""Management commands of the digital twin (``import_buildings``)."""
