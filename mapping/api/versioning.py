"""ETag and If-Match handling shared by every resource that can be edited concurrently.

``require_if_match`` answers 428 when the header is missing and 412 when it
names another version; ``*`` is refused, because it would allow exactly the
blind overwrite the header exists to prevent.
"""

from ninja.errors import HttpError

from mapping.errors import StaleVersion


def version_parser(letter, pk):
    """Reads the version out of an ETag ``"<letter><pk>-v<version>"`` (None for another resource)."""
    prefix = f'"{letter}{pk}-v'

    def parse(etag):
        number = etag[len(prefix) : -1]
        if etag.startswith(prefix) and etag.endswith('"') and number.isdigit():
            return int(number)
        return None

    return parse


def if_match_version(request, etag_for_version):
    """The version named by the request's If-Match header, checked against the ETag format."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise HttpError(428, "Send 'If-Match' with the ETag you last read, so no change is lost.")
    if header == "*":
        raise HttpError(428, "'If-Match: *' is not accepted; send the ETag you last read.")
    for candidate in (part.strip().removeprefix("W/") for part in header.split(",")):
        version = etag_for_version(candidate)
        if version is not None:
            return version
    raise HttpError(412, "The ETag in 'If-Match' does not name a version of this resource.")


def with_etag(response, etag):
    response["ETag"] = etag
    return response


def locked_at_version(model, pk, expected, noun):
    """The row, locked for this transaction, if it is still at the version the client read (else 412)."""
    instance = model.objects.select_for_update().get(pk=pk)
    if instance.version != expected:
        raise StaleVersion(f"The {noun} was changed by someone else (now version {instance.version}). Reload it first.")
    return instance


def save_new_version(instance, changes, *, exclude):
    """Set the changed fields (none may be null), validate, bump the version and save."""
    for name, value in changes.items():
        if value is None:
            raise HttpError(400, f"'{name}' cannot be null.")
        setattr(instance, name, value)
    instance.full_clean(exclude=exclude)
    instance.version += 1
    instance.save()
