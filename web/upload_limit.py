"""Refuse an upload larger than a limit before reading it: HTTP 413 with a message a person can act on.

The declared ``Content-Length`` is checked first, so a browser that sends a
2 GB file learns at once; a body without one (chunked) is cut off by an
upload handler at the limit. A view wrapped by ``limit_upload`` must not be
checked for CSRF before it runs (the middleware would read the whole body),
so the wrapper exempts it and then checks CSRF itself once the size is known.
"""

from functools import wraps

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

MULTIPART_OVERHEAD = 64 * 1024  # the form's other fields and the multipart boundaries


class SizeLimitHandler(FileUploadHandler):
    """Stops reading the body once the files in it pass ``limit`` bytes."""

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit, self.exceeded = limit, False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large(request, limit):
    response = render(request, "web/imports/too_large.html", {"limit": limit}, status=413)
    response["Connection"] = "close"
    return response


def limit_upload(get_limit):
    """Decorate a view so that POSTs over ``get_limit()`` bytes get 413 and are never read further."""

    def decorator(view):
        protected = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                return protected(request, *args, **kwargs)
            limit = get_limit()
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
            if declared > limit + MULTIPART_OVERHEAD:
                return too_large(request, limit)
            handler = SizeLimitHandler(request, limit)
            request.upload_handlers.insert(0, handler)
            response = protected(request, *args, **kwargs)
            return too_large(request, limit) if handler.exceeded else response

        return wrapped

    return decorator
