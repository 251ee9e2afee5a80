"""What can go wrong while reading a file users bring; each message is for the person who brought it."""


class ReaderError(ValueError):
    """The file cannot be read; the message says why, for the person who brought it."""


class UnsupportedFile(ReaderError):
    """Not a file these readers understand, or GDAL cannot open it."""


class UnsafeArchive(ReaderError):
    """A zip archive with a member path that is absolute or climbs out with ``..``."""


class TooLarge(ReaderError):
    """A file, or the unpacked content of an archive, larger than the limit, or packed suspiciously tight."""


class LayerChoiceError(ReaderError):
    """No layer to read, or several and none named."""


class TextDecodingError(ReaderError):
    """The text is not in the encoding that was given."""


class GeometryError(ReaderError):
    """A geometry cannot be placed on the map."""


class UnsafeXml(ReaderError):
    """An XML file (KML, GPX) with a DTD, entities or external references, which are refused."""


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"
