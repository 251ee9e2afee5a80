"""Parse the XML of a KML or GPX file safely: no DTD, no entities, no external references (defusedxml).

A KML with ``<!DOCTYPE … [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`` could
otherwise read the server's files into a feature's description, and a
"billion laughs" entity could fill its memory. defusedxml refuses all of
these. The text is decoded first (the XML declaration's encoding, else UTF-8
or CP949 as detected), because expat itself knows no Korean encodings.
Pure: no Django.
"""

import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from ..detection import Detection, UnknownEncoding, normalise_encoding
from .errors import UnsafeXml, UnsupportedFile
from .vector import choose_encoding, decode

DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"'][^>]*\?>")
ANY_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse_xml(data, name, encoding=None):
    """(root element, how the text was decoded) of the XML bytes ``data`` from the file ``name``."""
    chosen = encoding and choose_encoding([data], encoding, cpg=None, source=name)
    chosen = chosen or _declared(data, name) or choose_encoding([data], None, cpg=None, source=f"the text of {name}")
    text = ANY_DECLARATION.sub("", decode(data, chosen.value, name, [data]).lstrip("\ufeff"), count=1)
    try:
        return fromstring(text, forbid_dtd=True), chosen
    except DefusedXmlException as exc:
        raise UnsafeXml(
            f"{name} declares a DTD or entities ({type(exc).__name__}), which could read files of the server "
            "or exhaust its memory; such XML is refused. Save the file again without its <!DOCTYPE>."
        ) from None
    except ParseError as exc:
        raise UnsupportedFile(f"{name} is not well-formed XML: {exc}") from None


def _declared(data, name):
    match = DECLARATION.match(data[:200].lstrip(b"\xef\xbb\xbf"))
    if not match:
        return None
    try:
        codec = normalise_encoding(match.group(1).decode("ascii"))
    except UnknownEncoding:
        return None
    return Detection(codec, 1.0, f"declared by the XML of {name}")


def local(tag):
    """``{http://www.opengis.net/kml/2.2}Placemark`` → ``Placemark``."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(element, name):
    return [child for child in element if local(child.tag) == name]


def child_text(element, name):
    """The stripped text of the first child called ``name``, or ""."""
    found = children(element, name)
    return (found[0].text or "").strip() if found else ""
