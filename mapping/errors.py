"""Errors raised by write services of every app; the API turns each into an HTTP status."""


class ServiceError(Exception):
    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvalidInput(ServiceError):
    status = 400


class StaleVersion(ServiceError):
    """The client's version is not the current one (HTTP 412)."""

    status = 412


class Conflict(ServiceError):
    status = 409
