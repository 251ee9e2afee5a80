"""Every API error is JSON ``{"detail": "<human-readable message>"}``, with a 4xx for bad input."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja.errors import ValidationError


def _describe(error):
    location = ".".join(str(part) for part in error.get("loc", ()) if part not in ("body", "payload"))
    message = error.get("msg", "invalid value")
    return f"{location}: {message}" if location else message


def install_error_handlers(api, service_error_class):
    def respond(request, message, status, **extra):
        return api.create_response(request, {"detail": message, **extra}, status=status)

    @api.exception_handler(ValidationError)
    def invalid_request(request, exc):
        messages = "; ".join(_describe(error) for error in exc.errors)
        return respond(request, f"Invalid request: {messages}", 422, errors=exc.errors)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, "Not found.", 404)

    @api.exception_handler(ObjectDoesNotExist)
    def missing_object(request, exc):
        return respond(request, "Not found.", 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return respond(request, str(exc) or "You are not allowed to do this.", 403)

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request, exc):
        return respond(request, "; ".join(exc.messages), 400)

    @api.exception_handler(service_error_class)
    def service_error(request, exc):
        return respond(request, exc.message, exc.status)
